import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A PGlite data directory made once by `initdb` (about 5–10 s) and kept as a gzipped tarball, so a fresh DATA_DIR is
 * unpacked from it in well under a second instead. `npm run build` writes it to dist/infra/db beside the migrations.
 * It holds an empty cluster only: the migrations still run at start, so it never goes stale with the schema.
 */
export const PGLITE_TEMPLATE_FILE = path.join(__dirname, 'pglite-template.tar.gz');

interface TemplateLabel {
  readonly pgliteVersion: string;
}

const labelFileOf = (templateFile: string): string => `${templateFile}.json`;

/** The installed @electric-sql/pglite version: a template made by another version is not used. */
export const installedPgliteVersion = (): string => {
  const packageJson = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  if (typeof version !== 'string') throw new Error(`no version in ${packageJson}`);
  return version;
};

const readLabel = (templateFile: string): TemplateLabel | undefined => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(labelFileOf(templateFile), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'pgliteVersion' in parsed && typeof parsed.pgliteVersion === 'string'
      ? { pgliteVersion: parsed.pgliteVersion }
      : undefined;
  } catch {
    return undefined;
  }
};

/** Whether `templateFile` exists and was made by the installed PGlite. */
export const isPgliteTemplateCurrent = (templateFile: string, version: string = installedPgliteVersion()): boolean =>
  existsSync(templateFile) && readLabel(templateFile)?.pgliteVersion === version;

/** The template as PGlite's `loadDataDir` takes it, or undefined when there is none for the installed PGlite. */
export const readPgliteTemplate = (templateFile: string = PGLITE_TEMPLATE_FILE): Blob | undefined =>
  isPgliteTemplateCurrent(templateFile) ? new Blob([readFileSync(templateFile)]) : undefined;

/** Runs initdb in a scratch directory and writes its dump (and a label naming the PGlite version) to `templateFile`. */
export const makePgliteTemplate = async (templateFile: string = PGLITE_TEMPLATE_FILE): Promise<void> => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'seipm-pglite-template-'));
  try {
    const db = await PGlite.create(scratch);
    const dump = await db.dumpDataDir('gzip');
    await db.close();
    writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
    writeFileSync(labelFileOf(templateFile), `${JSON.stringify({ pgliteVersion: installedPgliteVersion() } satisfies TemplateLabel)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};

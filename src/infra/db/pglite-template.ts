import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeSilentLogger } from '../logging/logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { makePool } from './make-pool';
import { migrate, MIGRATIONS_DIR } from './migrate';

/**
 * An embedded Postgres (PGlite) data directory made once at build time — initdb (5–10 s) plus every migration — that a
 * fresh DATA_DIR is copied from (a fraction of a second). `npm run build` writes it to dist/infra/db beside the
 * migrations. A label names the PGlite version that made it (another version's is not used) and the migrations it
 * holds (the build remakes it when they change; at start, migrate() still applies any it lacks).
 */
export const PGLITE_TEMPLATE_DIR = path.join(__dirname, 'pglite-template');

interface TemplateLabel {
  readonly pgliteVersion: string;
  readonly migrations: string;
}

const labelFileOf = (templateDir: string): string => `${templateDir}.json`;

/** The installed @electric-sql/pglite version. */
export const installedPgliteVersion = (): string => {
  const packageJson = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  if (typeof version !== 'string') throw new Error(`no version in ${packageJson}`);
  return version;
};

/** A digest of the migration files (names and contents), in the order migrate() applies them. */
export const migrationsDigest = (dir: string = MIGRATIONS_DIR): string => {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update('\0').update(readFileSync(path.join(dir, file))).update('\0');
  return hash.digest('hex');
};

const readLabel = (templateDir: string): TemplateLabel | undefined => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(labelFileOf(templateDir), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('pgliteVersion' in parsed) || !('migrations' in parsed)) return undefined;
    const { pgliteVersion, migrations } = parsed;
    return typeof pgliteVersion === 'string' && typeof migrations === 'string' ? { pgliteVersion, migrations } : undefined;
  } catch {
    return undefined;
  }
};

const currentLabel = (migrationsDir: string): TemplateLabel => ({ pgliteVersion: installedPgliteVersion(), migrations: migrationsDigest(migrationsDir) });

/** Whether the template exists and was made by the installed PGlite with the current migrations (else the build remakes it). */
export const isPgliteTemplateCurrent = (templateDir: string = PGLITE_TEMPLATE_DIR, migrationsDir: string = MIGRATIONS_DIR): boolean => {
  const label = readLabel(templateDir);
  const current = currentLabel(migrationsDir);
  return existsSync(templateDir) && label?.pgliteVersion === current.pgliteVersion && label.migrations === current.migrations;
};

/** The template directory when there is one made by the installed PGlite (whatever its migrations), else undefined. */
export const findPgliteTemplate = (templateDir: string = PGLITE_TEMPLATE_DIR): string | undefined =>
  existsSync(templateDir) && readLabel(templateDir)?.pgliteVersion === installedPgliteVersion() ? templateDir : undefined;

/** Runs initdb and the migrations in a scratch directory, then puts the result (and its label) at `templateDir`. */
export const makePgliteTemplate = async (templateDir: string = PGLITE_TEMPLATE_DIR, migrationsDir: string = MIGRATIONS_DIR): Promise<void> => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'seipm-pglite-template-'));
  try {
    const embedded = await startEmbeddedPostgres(scratch);
    const pool = makePool({ url: embedded.url, max: 1, statementTimeoutMs: 60_000, connectionTimeoutMs: 10_000 }, makeSilentLogger());
    try {
      await migrate(pool, makeSilentLogger(), migrationsDir);
    } finally {
      await pool.end();
      await embedded.stop();
    }
    rmSync(templateDir, { recursive: true, force: true });
    // A rename, so a build interrupted half-way never leaves a half-copied template behind.
    const staged = `${templateDir}.staging`;
    rmSync(staged, { recursive: true, force: true });
    cpSync(path.join(scratch, 'pglite'), staged, { recursive: true });
    renameSync(staged, templateDir);
    writeFileSync(labelFileOf(templateDir), `${JSON.stringify(currentLabel(migrationsDir))}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};

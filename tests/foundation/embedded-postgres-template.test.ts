import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/infra/db/embedded-postgres';
import { isPgliteTemplateCurrent, makePgliteTemplate, readPgliteTemplate } from '../../src/infra/db/pglite-template';

/** Runs `sql` on a started embedded Postgres and returns the first column of the first row. */
const queryOne = async (db: EmbeddedPostgres, sql: string): Promise<unknown> => {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const result = await client.query<Record<string, unknown>>(sql);
    return Object.values(result.rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
};

const SYSTEM_ID = 'SELECT system_identifier::text FROM pg_control_system()';

describe('a fresh embedded Postgres data directory', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'seipm-pglite-'));
  const templateFile = path.join(workDir, 'template.tar.gz');
  const dataDir = (name: string) => path.join(workDir, name);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  beforeAll(async () => {
    await makePgliteTemplate(templateFile);
  }, 120_000);

  it('is unpacked from the template: every directory made from it carries the template cluster, not a new initdb', async () => {
    const template = readPgliteTemplate(templateFile);
    const first = await startEmbeddedPostgres(dataDir('a'), { template });
    const firstId = await queryOne(first, SYSTEM_ID);
    await queryOne(first, 'CREATE TABLE kept (n int)');
    await first.stop();
    const second = await startEmbeddedPostgres(dataDir('b'), { template });
    const secondId = await queryOne(second, SYSTEM_ID);
    await second.stop();
    expect([first.dataOrigin, second.dataOrigin]).toEqual(['template', 'template']);
    expect(secondId).toBe(firstId);
  }, 60_000);

  it('is opened as it is once it exists: the template is not unpacked over its data', async () => {
    const again = await startEmbeddedPostgres(dataDir('a'), { template: readPgliteTemplate(templateFile) });
    const tables = await queryOne(again, "SELECT count(*)::int FROM pg_tables WHERE tablename = 'kept'");
    await again.stop();
    expect(again.dataOrigin).toBe('existing');
    expect(tables).toBe(1);
  }, 60_000);

  it('without a template made by the installed PGlite, initdb makes a cluster of its own', async () => {
    const foreign = path.join(workDir, 'foreign.tar.gz');
    writeFileSync(foreign, 'not a dump');
    writeFileSync(`${foreign}.json`, JSON.stringify({ pgliteVersion: '0.0.1' }));
    expect(isPgliteTemplateCurrent(foreign)).toBe(false);
    expect(readPgliteTemplate(foreign)).toBeUndefined();
    expect(isPgliteTemplateCurrent(templateFile)).toBe(true);

    const fromTemplate = await startEmbeddedPostgres(dataDir('c'), { template: readPgliteTemplate(templateFile) });
    const templateId = await queryOne(fromTemplate, SYSTEM_ID);
    await fromTemplate.stop();
    const own = await startEmbeddedPostgres(dataDir('d'), { template: readPgliteTemplate(foreign) });
    const ownId = await queryOne(own, SYSTEM_ID);
    await own.stop();
    expect(own.dataOrigin).toBe('initdb');
    expect(ownId).not.toBe(templateId);
  }, 120_000);
});

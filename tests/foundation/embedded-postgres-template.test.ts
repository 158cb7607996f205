import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/infra/db/embedded-postgres';
import { MIGRATIONS_DIR } from '../../src/infra/db/migrate';
import { findPgliteTemplate, isPgliteTemplateCurrent, makePgliteTemplate } from '../../src/infra/db/pglite-template';

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
  const migrationsDir = path.join(workDir, 'migrations');
  const templateDir = path.join(workDir, 'template');
  const dataDir = (name: string) => path.join(workDir, name);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  beforeAll(async () => {
    cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    await makePgliteTemplate(templateDir, migrationsDir);
  }, 120_000);

  it('is copied from the template: it carries the template cluster and every migration, with no initdb', async () => {
    const template = findPgliteTemplate(templateDir);
    const first = await startEmbeddedPostgres(dataDir('a'), { template });
    const firstId = await queryOne(first, SYSTEM_ID);
    const migrations = await queryOne(first, 'SELECT count(*)::int FROM schema_migrations');
    await queryOne(first, 'CREATE TABLE kept (n int)');
    await first.stop();
    const second = await startEmbeddedPostgres(dataDir('b'), { template });
    const secondId = await queryOne(second, SYSTEM_ID);
    await second.stop();
    expect([first.dataOrigin, second.dataOrigin]).toEqual(['template', 'template']);
    expect(secondId).toBe(firstId);
    expect(migrations).toBe(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
  }, 60_000);

  it('is opened as it is once it exists: the template is not copied over its data', async () => {
    const again = await startEmbeddedPostgres(dataDir('a'), { template: findPgliteTemplate(templateDir) });
    const tables = await queryOne(again, "SELECT count(*)::int FROM pg_tables WHERE tablename = 'kept'");
    await again.stop();
    expect(again.dataOrigin).toBe('existing');
    expect(tables).toBe(1);
  }, 60_000);

  it('is no longer current for the build once a migration is added, but still serves a start (migrate adds the rest)', () => {
    expect(isPgliteTemplateCurrent(templateDir, migrationsDir)).toBe(true);
    writeFileSync(path.join(migrationsDir, '999-later.sql'), 'SELECT 1;');
    expect(isPgliteTemplateCurrent(templateDir, migrationsDir)).toBe(false);
    expect(findPgliteTemplate(templateDir)).toBe(templateDir);
  });

  it('without a template made by the installed PGlite, initdb makes a cluster of its own', async () => {
    const foreign = path.join(workDir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(`${foreign}.json`, JSON.stringify({ pgliteVersion: '0.0.1', migrations: 'x' }));
    expect(findPgliteTemplate(foreign)).toBeUndefined();
    expect(findPgliteTemplate(path.join(workDir, 'missing'))).toBeUndefined();

    const fromTemplate = await startEmbeddedPostgres(dataDir('c'), { template: findPgliteTemplate(templateDir) });
    const templateId = await queryOne(fromTemplate, SYSTEM_ID);
    await fromTemplate.stop();
    const own = await startEmbeddedPostgres(dataDir('d'), { template: findPgliteTemplate(foreign) });
    const ownId = await queryOne(own, SYSTEM_ID);
    await own.stop();
    expect(own.dataOrigin).toBe('initdb');
    expect(ownId).not.toBe(templateId);
  }, 120_000);
});

import { cpSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** How the data directory came to be: it was there, it was copied from the template, or initdb made it. */
export type EmbeddedDataOrigin = 'existing' | 'template' | 'initdb';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback that the ordinary `pg` client uses. */
  readonly url: string;
  readonly dataOrigin: EmbeddedDataOrigin;
  readonly stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** A closed PGlite data directory (see pglite-template.ts) to copy into a fresh one instead of running initdb. */
  readonly template?: string | undefined;
}

/**
 * Starts PGlite on `dataDir` and serves it on a loopback port, so the same `pg` code runs on it.
 * PGlite is one session: give the pool exactly one connection.
 */
export const startEmbeddedPostgres = async (dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> => {
  const dir = path.resolve(dataDir, 'pglite');
  const isFresh = !existsSync(path.join(dir, 'PG_VERSION'));
  const template = isFresh ? options.template : undefined;
  if (template === undefined) mkdirSync(dir, { recursive: true });
  else cpSync(template, dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres?sslmode=disable`,
    dataOrigin: !isFresh ? 'existing' : template === undefined ? 'initdb' : 'template',
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
};

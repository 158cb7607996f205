import type { Pool } from 'pg';
import type { AppConfig } from '../../config/app-config';
import type { Logger } from '../logging/logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { makePool } from './make-pool';
import { migrate } from './migrate';
import { findPgliteTemplate } from './pglite-template';

export interface Database {
  readonly pool: Pool;
  readonly kind: 'postgres' | 'embedded';
  /** Closes the pool (and the embedded server). */
  readonly close: () => Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded Postgres under DATA_DIR; then applies migrations. */
export const openDatabase = async (config: AppConfig, logger: Logger): Promise<Database> => {
  const embedded =
    config.database.url === undefined ? await startEmbeddedPostgres(config.database.dataDir, { template: findPgliteTemplate() }) : undefined;
  if (embedded !== undefined && embedded.dataOrigin !== 'existing') {
    logger.info(
      embedded.dataOrigin === 'template'
        ? 'embedded Postgres: new data directory copied from the build template'
        : 'embedded Postgres: new data directory made by initdb (no template for this PGlite: run `npm run build`)',
      { dataDir: config.database.dataDir },
    );
  }
  const url = config.database.url ?? embedded?.url ?? '';
  const pool = makePool(
    {
      url,
      max: embedded === undefined ? config.database.poolMax : 1,
      statementTimeoutMs: config.database.statementTimeoutMs,
      connectionTimeoutMs: config.database.connectionTimeoutMs,
    },
    logger,
  );
  try {
    await migrate(pool, logger);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw cause;
  }
  return {
    pool,
    kind: embedded === undefined ? 'postgres' : 'embedded',
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
};

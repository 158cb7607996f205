import * as E from 'fp-ts/Either';
import { decodeConfig } from '../../config/app-config';
import { formatEnvProblems } from '../../config/decode-env';
import { makeLogger } from '../logging/logger';
import { openDatabase } from './open-database';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
const run = async (): Promise<void> => {
  const decoded = decodeConfig(process.env);
  if (E.isLeft(decoded)) {
    process.stderr.write(`Invalid configuration:\n${formatEnvProblems(decoded.left)}\n`);
    process.exit(1);
  }
  const { config } = decoded.right;
  const logger = makeLogger({ ...config.log, env: config.env });
  const db = await openDatabase(config, logger);
  logger.info('migrations are up to date', { storage: db.kind });
  await db.close();
};

run().catch((cause: unknown) => {
  process.stderr.write(`migration failed: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exit(1);
});

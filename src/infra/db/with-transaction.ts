import type { Pool, PoolClient } from 'pg';

/** What a transaction body may do with its connection: send statements. */
export type TransactionClient = Pick<PoolClient, 'query'>;

/** pg's error for a statement that got no answer within query_timeout: the connection went silent. */
const isSilentLink = (e: unknown): e is Error => e instanceof Error && e.message === 'Query read timeout';

/**
 * Runs `body` between BEGIN and COMMIT on one client checked out of `pool` (ROLLBACK, then rethrow, when it throws),
 * and returns what it returned. The only way this code base checks a client out:
 * - an 'error' listener is attached for as long as the client is out, so a connection that drops mid-transaction
 *   fails the statement in flight (and so the body) instead of raising an unhandled 'error' that kills the process;
 * - the client goes back with the error when its connection broke or ROLLBACK failed, so the pool destroys it
 *   rather than handing a dead connection to the next caller;
 * - after a statement the link never answered (pg's query_timeout), no ROLLBACK is queued behind it: it would wait out
 *   the timeout a second time. The client is discarded instead, and the server rolls back when its connection goes.
 * Whatever the body did is committed entirely or not at all.
 */
export const withTransaction = async <A>(pool: Pool, body: (client: TransactionClient) => Promise<A>): Promise<A> => {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (cause) {
    if (isSilentLink(cause)) broken ??= cause;
    else {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    }
    throw cause;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
};

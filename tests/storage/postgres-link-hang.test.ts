import { makePool } from '../../src/infra/db/make-pool';
import { withTransaction } from '../../src/infra/db/with-transaction';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { REAL_DATABASE_URL } from '../support/app/start-test-server';
import { startProxyFor } from '../support/net/start-proxy-for';
import { waitFor } from '../support/wait-until';

/** The bytes of a simple-query message: 'Q', its int32 length, the SQL and a NUL. */
const queryMessageBytes = (sql: string): number => 1 + 4 + Buffer.byteLength(sql) + 1;

describe('a Postgres link that goes silent (packets held, nothing closed)', () => {
  it('fails the transaction once query_timeout passes, discards its client, and works again once the link is back', async () => {
    const { proxy, url } = await startProxyFor(REAL_DATABASE_URL);
    const pool = makePool({ url, max: 2, statementTimeoutMs: 300, connectionTimeoutMs: 5000 }, makeSilentLogger());
    try {
      // Two open connections: one for the transaction, one for a plain query used as a yardstick.
      await Promise.all([pool.query('SELECT pg_sleep(0.05)'), pool.query('SELECT pg_sleep(0.05)')]);
      expect(pool.totalCount).toBe(2);

      proxy.hang();
      const settled: string[] = [];
      /** How `pending` ended (its error's message, or "answered"), noting in `settled` when it did. */
      const outcome = (name: string, pending: Promise<unknown>): Promise<string> =>
        pending.then(
          () => 'answered',
          (e: unknown) => {
            settled.push(name);
            return typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
          },
        );
      const transaction = outcome('transaction', withTransaction(pool, (client) => client.query('SELECT 1')));
      await waitFor('BEGIN to be sent into the silent link', () => proxy.heldBytes() === queryMessageBytes('BEGIN'));
      const yardstick = outcome('query', pool.query('SELECT 1'));
      expect(await Promise.all([transaction, yardstick])).toEqual(['Query read timeout', 'Query read timeout']);
      // The transaction gave up one query_timeout after its BEGIN, before a query sent after that BEGIN did: it did not
      // queue a ROLLBACK on the silent connection and wait out a second timeout.
      expect(settled).toEqual(['transaction', 'query']);
      expect(pool.totalCount).toBe(0);

      proxy.restore();
      expect((await withTransaction(pool, (client) => client.query<{ n: number }>('SELECT 2 AS n'))).rows).toEqual([{ n: 2 }]);
    } finally {
      await pool.end();
      await proxy.close();
    }
  });
});

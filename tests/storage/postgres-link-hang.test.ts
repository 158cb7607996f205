import { makePool } from '../../src/infra/db/make-pool';
import { withTransaction } from '../../src/infra/db/with-transaction';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { REAL_DATABASE_URL } from '../support/app/start-test-server';
import { startProxyFor } from '../support/net/start-proxy-for';

describe('a Postgres link that goes silent (packets held, nothing closed)', () => {
  it('fails the transaction once query_timeout passes, discards its client, and works again once the link is back', async () => {
    const { proxy, url } = await startProxyFor(REAL_DATABASE_URL);
    const pool = makePool({ url, max: 2, statementTimeoutMs: 300, connectionTimeoutMs: 5000 }, makeSilentLogger());
    try {
      expect((await pool.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      expect(pool.totalCount).toBe(1);

      proxy.hang();
      await expect(withTransaction(pool, (client) => client.query('SELECT 1'))).rejects.toThrow('Query read timeout');
      expect(pool.totalCount).toBe(0);

      proxy.restore();
      expect((await withTransaction(pool, (client) => client.query<{ n: number }>('SELECT 2 AS n'))).rows).toEqual([{ n: 2 }]);
    } finally {
      await pool.end();
      await proxy.close();
    }
  });
});

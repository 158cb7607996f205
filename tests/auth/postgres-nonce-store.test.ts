import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { migrate } from '../../src/infra/db/migrate';
import { makePostgresNonceStore } from '../../src/infra/db/nonces-repository';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { REAL_DATABASE_URL } from '../support/app/start-test-server';

describe('sign-in nonces in Postgres', () => {
  const pool = new Pool({ connectionString: REAL_DATABASE_URL, max: 2 });
  let now = new Date();
  const store = makePostgresNonceStore(pool, () => now);
  const nonce = () => randomBytes(16).toString('hex');
  const stored = async (n: string): Promise<number> => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_nonces WHERE nonce = $1', [n])).rows[0]?.n ?? -1;

  beforeAll(() => migrate(pool, makeSilentLogger()));
  afterAll(() => pool.end());

  it('consumes a nonce exactly once, never an unknown one, and not once it has expired', async () => {
    const [a, b] = [nonce(), nonce()];
    expect(await store.put(a, 60)()).toEqual(E.right(undefined));
    expect(await store.put(b, 60)()).toEqual(E.right(undefined));
    expect(await store.consume(a)()).toEqual(E.right(true));
    expect(await store.consume(a)()).toEqual(E.right(false));
    expect(await store.consume(nonce())()).toEqual(E.right(false));
    now = new Date(now.getTime() + 60_000);
    expect(await store.consume(b)()).toEqual(E.right(false));
  });

  it('purges expired nonces when it issues a new one', async () => {
    const [old, fresh] = [nonce(), nonce()];
    await store.put(old, 1)();
    expect(await stored(old)).toBe(1);
    now = new Date(now.getTime() + 1000);
    await store.put(fresh, 60)();
    expect([await stored(old), await stored(fresh)]).toEqual([0, 1]);
  });
});

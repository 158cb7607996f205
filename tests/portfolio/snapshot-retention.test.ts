import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { makeSnapshotsRepository } from '../../src/infra/db/snapshots-repository';
import { migrate } from '../../src/infra/db/migrate';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { runSnapshotRetention } from '../../src/services/portfolio/snapshot-retention';
import { REAL_DATABASE_URL } from '../support/app/start-test-server';

describe('snapshot retention', () => {
  const pool = new Pool({ connectionString: REAL_DATABASE_URL, max: 2 });
  const wallet = `0xRetention${Date.now()}`;
  afterAll(async () => {
    await pool.query('DELETE FROM portfolio_snapshots WHERE wallet = $1', [wallet]);
    await pool.end();
  });

  it('downsamples a week-old raw series to hourly points, idempotently', async () => {
    await migrate(pool, makeSilentLogger());
    const now = new Date('2026-06-30T12:00:00Z');
    // Every 10 minutes from 10 days ago to now: 6 raw points per hour.
    const start = now.getTime() - 10 * 24 * 3600 * 1000;
    const rows: Array<[Date, number]> = [];
    for (let t = start; t <= now.getTime(); t += 10 * 60 * 1000) rows.push([new Date(t), (t - start) / 1e6]);
    for (const [takenAt, value] of rows) {
      await pool.query(
        `INSERT INTO portfolio_snapshots (wallet, chain_id, block_number, taken_at, total_value_usd, net_worth_usd, holdings, portfolio)
         VALUES ($1, 1329, 1, $2, $3, $3, '[]', '{}')`,
        [wallet, takenAt, value],
      );
    }
    const repo = makeSnapshotsRepository(pool);
    const first = await runSnapshotRetention(repo, now);
    expect(E.isRight(first)).toBe(true);
    const count = async (where: string) =>
      Number((await pool.query(`SELECT count(*) AS n FROM portfolio_snapshots WHERE wallet = $1 AND ${where}`, [wallet, now])).rows[0].n);
    const weekAgo = "taken_at < $2::timestamptz - interval '7 days'";
    // 3 days older than a week, one point per UTC hour kept: 72 hours, the oldest partial hour included.
    const oldHours = Number((await pool.query(
      `SELECT count(DISTINCT date_trunc('hour', taken_at AT TIME ZONE 'UTC')) AS n FROM portfolio_snapshots WHERE wallet = $1 AND ${weekAgo}`, [wallet, now])).rows[0].n);
    expect(await count(weekAgo)).toBe(oldHours);
    expect(oldHours).toBeGreaterThanOrEqual(72);
    expect(await count("taken_at >= $2::timestamptz - interval '7 days'")).toBe(rows.filter(([t]) => t.getTime() >= now.getTime() - 7 * 24 * 3600 * 1000).length);

    const second = await runSnapshotRetention(repo, now);
    expect(second).toEqual(E.right(0));
  });
});

import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import { PortfolioCodec } from '../../domain/portfolio/portfolio';
import type { SnapshotHolding, SnapshotsRepository } from '../../services/portfolio/ports';

const SnapshotHoldingCodec = t.type({
  key: t.string,
  symbol: t.string,
  quantity: t.number,
  priceUSD: t.union([t.number, t.null]),
});

const dbError = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause });

const HoldingsCodec = t.array(SnapshotHoldingCodec);

export const makeSnapshotsRepository = (pool: Pool): SnapshotsRepository => ({
  insert: (s) =>
    TE.tryCatch(async () => {
      await pool.query(
        `INSERT INTO portfolio_snapshots (wallet, chain_id, block_number, taken_at, total_value_usd, net_worth_usd, holdings, portfolio)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.wallet, s.chainId, s.blockNumber, s.takenAt, s.portfolio.totalValueUSD, s.portfolio.netWorthUSD, JSON.stringify(s.holdings), JSON.stringify(s.portfolio)],
      );
    }, dbError),

  lastTakenAt: (wallet, chainId) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query<{ taken_at: Date }>(
        'SELECT taken_at FROM portfolio_snapshots WHERE wallet = $1 AND chain_id = $2 ORDER BY taken_at DESC LIMIT 1',
        [wallet, chainId],
      );
      return rows[0]?.taken_at ?? null;
    }, dbError),

  latest: (wallet, chainId) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query<{ taken_at: Date; portfolio: unknown }>(
        'SELECT taken_at, portfolio FROM portfolio_snapshots WHERE wallet = $1 AND chain_id = $2 ORDER BY taken_at DESC LIMIT 1',
        [wallet, chainId],
      );
      const row = rows[0];
      if (row === undefined) return null;
      const decoded = PortfolioCodec.decode(row.portfolio);
      return E.isRight(decoded) ? { takenAt: row.taken_at, portfolio: decoded.right } : null;
    }, dbError),

  range: (wallet, chainId, from, to) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query<{ id: string; taken_at: Date; total_value_usd: number; net_worth_usd: number; holdings: unknown }>(
        `SELECT id, taken_at, total_value_usd, net_worth_usd, holdings FROM portfolio_snapshots
         WHERE wallet = $1 AND chain_id = $2 AND taken_at >= $3 AND taken_at <= $4 ORDER BY taken_at ASC`,
        [wallet, chainId, from, to],
      );
      return rows.map((r) => ({
        id: String(r.id),
        takenAt: r.taken_at,
        totalValueUSD: r.total_value_usd,
        netWorthUSD: r.net_worth_usd,
        holdings: E.getOrElse((): ReadonlyArray<SnapshotHolding> => [])(HoldingsCodec.decode(r.holdings)),
      }));
    }, dbError),

  olderThan: (before) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query<{ id: string; wallet: string; chain_id: number; taken_at: Date }>(
        'SELECT id, wallet, chain_id, taken_at FROM portfolio_snapshots WHERE taken_at < $1 ORDER BY wallet, chain_id, taken_at',
        [before],
      );
      return rows.map((r) => ({ group: `${r.wallet}:${r.chain_id}`, id: String(r.id), takenAt: r.taken_at }));
    }, dbError),

  deleteMany: (ids) =>
    TE.tryCatch(async () => {
      if (ids.length === 0) return 0;
      const res = await pool.query('DELETE FROM portfolio_snapshots WHERE id = ANY($1::bigint[])', [ids]);
      return res.rowCount ?? 0;
    }, dbError),
});

import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import { WalletAddressCodec } from '../../domain/address/wallet-address';
import type { TrackedTransaction } from '../../domain/tx/track/tracked-transaction';
import { TxHashCodec } from '../../domain/address/tx-hash';
import type { TrackedTransactionStore } from '../../services/tx/track/ports';
import { withTransaction } from './with-transaction';

const dbError = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause });
const query = <A>(run: () => Promise<A>): TE.TaskEither<AppError, A> => TE.tryCatch(run, dbError);

const Nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);
const DateCodec = new t.Type<Date, Date, unknown>('Date', (u): u is Date => u instanceof Date, (u, c) => (u instanceof Date ? t.success(u) : t.failure(u, c)), (d) => d);
/** bigint and numeric columns arrive as decimal strings. */
const BigIntString = new t.Type<bigint, string, unknown>('BigIntString', (u): u is bigint => typeof u === 'bigint', (u, c) => (typeof u === 'string' && /^\d+$/.test(u) ? t.success(BigInt(u)) : t.failure(u, c)), String);
const ActionCodec = t.keyof({ supply: null, withdraw: null, borrow: null, repay: null, swap: null, add_liquidity: null, remove_liquidity: null, collect: null, wrap: null, unwrap: null, approve: null });

const RowCodec = t.type({
  wallet: WalletAddressCodec,
  hash: TxHashCodec,
  from_address: Nullable(WalletAddressCodec),
  to_address: Nullable(WalletAddressCodec),
  status: t.keyof({ pending: null, confirmed: null, failed: null, dropped: null }),
  block_number: Nullable(BigIntString),
  gas_used: Nullable(BigIntString),
  action: Nullable(ActionCodec),
  created_at: DateCodec,
  updated_at: DateCodec,
  attempts: t.number,
  next_check_at: DateCodec,
  first_seen_missing_at: Nullable(DateCodec),
});

/** A row that does not decode is a schema bug: a database fault rather than a served guess. */
const toTracked = (row: unknown): TrackedTransaction =>
  pipe(
    RowCodec.decode(row),
    E.map((r) => ({
      hash: r.hash,
      wallet: r.wallet,
      from: r.from_address,
      to: r.to_address,
      status: r.status,
      blockNumber: r.block_number,
      gasUsed: r.gas_used,
      action: r.action,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      attempts: r.attempts,
      nextCheckAt: r.next_check_at,
      missingSince: r.first_seen_missing_at,
    })),
    E.getOrElseW(() => {
      throw new Error('unexpected tracked_transactions row shape');
    }),
  );

const COLUMNS = 'wallet, hash, from_address, to_address, status, block_number::text, gas_used::text, action, created_at, updated_at, attempts, next_check_at, first_seen_missing_at';

/** tracked_transactions in Postgres (migration 005). */
export const makeTrackedTransactionsRepository = (pool: Pool): TrackedTransactionStore => {
  const find = (wallet: string, hash: string) =>
    query(async () => {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM tracked_transactions WHERE wallet = $1 AND hash = $2`, [wallet, hash]);
      return rows[0] === undefined ? undefined : toTracked(rows[0]);
    });
  return {
    insert: ({ wallet, hash, step, now }, maxPending) =>
      pipe(
        query(() =>
          withTransaction(pool, async (client): Promise<boolean | 'full'> => {
            const isFinal = step.kind === 'final';
            if (!isFinal) {
              await client.query("SELECT pg_advisory_xact_lock(hashtextextended('tracked_transactions:' || $1, 0))", [wallet]);
              const { rows } = await client.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM tracked_transactions WHERE wallet = $1 AND status = 'pending' AND hash <> $2",
                [wallet, hash],
              );
              if ((rows[0]?.n ?? 0) >= maxPending) return 'full';
            }
            const { rowCount } = await client.query(
              `INSERT INTO tracked_transactions (wallet, hash, from_address, to_address, status, block_number, gas_used, action, created_at, updated_at, attempts, next_check_at, first_seen_missing_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12)
               ON CONFLICT (wallet, hash) DO NOTHING`,
              [
                wallet,
                hash,
                step.from,
                step.to,
                isFinal ? step.status : 'pending',
                isFinal ? step.blockNumber?.toString() ?? null : null,
                isFinal ? step.gasUsed?.toString() ?? null : null,
                step.action,
                now,
                isFinal ? 0 : step.attempts,
                isFinal ? now : step.nextCheckAt,
                isFinal ? null : step.missingSince,
              ],
            );
            return (rowCount ?? 0) === 1;
          }),
        ),
        TE.flatMap((created) =>
          created === 'full'
            ? TE.left<AppError>({ _tag: 'Conflict', message: `A wallet can follow at most ${maxPending} pending transactions: wait for one to land` })
            : pipe(
                find(wallet, hash),
                TE.flatMap((row) => (row === undefined ? TE.left(dbError(new Error('tracked transaction vanished after insert'))) : TE.right({ row, created }))),
              ),
        ),
      ),
    find,
    page: (wallet, limit, before) =>
      query(async () => {
        let cursor: { created_at: Date; hash: string } | undefined;
        if (before !== undefined) {
          cursor = (await pool.query<{ created_at: Date; hash: string }>('SELECT created_at, hash FROM tracked_transactions WHERE wallet = $1 AND hash = $2', [wallet, before])).rows[0];
          if (cursor === undefined) return undefined;
        }
        const { rows } =
          cursor === undefined
            ? await pool.query(`SELECT ${COLUMNS} FROM tracked_transactions WHERE wallet = $1 ORDER BY created_at DESC, hash DESC LIMIT $2`, [wallet, limit])
            : await pool.query(`SELECT ${COLUMNS} FROM tracked_transactions WHERE wallet = $1 AND (created_at, hash) < ($2, $3) ORDER BY created_at DESC, hash DESC LIMIT $4`, [
                wallet,
                cursor.created_at,
                cursor.hash,
                limit,
              ]);
        return rows.map(toTracked);
      }),
    due: (now, limit) =>
      query(async () => {
        const { rows } = await pool.query(`SELECT ${COLUMNS} FROM tracked_transactions WHERE status = 'pending' AND next_check_at <= $1 ORDER BY next_check_at LIMIT $2`, [now, limit]);
        return rows.map(toTracked);
      }),
    reschedule: (wallet, hash, step, now) =>
      query(async () => {
        await pool.query(
          `UPDATE tracked_transactions SET from_address = $3, to_address = $4, action = $5, attempts = $6, next_check_at = $7, first_seen_missing_at = $8, updated_at = $9
           WHERE wallet = $1 AND hash = $2 AND status = 'pending'`,
          [wallet, hash, step.from, step.to, step.action, step.attempts, step.nextCheckAt, step.missingSince, now],
        );
      }),
    finish: (wallet, hash, step, now) =>
      query(async () => {
        const { rowCount } = await pool.query(
          `UPDATE tracked_transactions SET status = $3, from_address = $4, to_address = $5, action = $6, block_number = $7, gas_used = $8, updated_at = $9
           WHERE wallet = $1 AND hash = $2 AND status = 'pending'`,
          [wallet, hash, step.status, step.from, step.to, step.action, step.blockNumber?.toString() ?? null, step.gasUsed?.toString() ?? null, now],
        );
        return (rowCount ?? 0) === 1;
      }),
    remove: (wallet, hash) =>
      query(async () => {
        await pool.query('DELETE FROM tracked_transactions WHERE wallet = $1 AND hash = $2', [wallet, hash]);
      }),
    pendingSummary: () =>
      query(async () => {
        const { rows } = await pool.query<{ pending: string; oldest: Date | null }>("SELECT count(*)::text AS pending, min(created_at) AS oldest FROM tracked_transactions WHERE status = 'pending'");
        return { pending: Number(rows[0]?.pending ?? 0), oldestCreatedAt: rows[0]?.oldest ?? null };
      }),
  };
};

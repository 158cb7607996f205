import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import { WalletAddressCodec, type WalletAddress } from '../../domain/address/wallet-address';
import { AlertTypeCodec, type AlertRule, type AlertState } from '../../domain/alerts/alert-rule';
import type { NewAlert } from '../../domain/alerts/new-alert';
import type { AlertFinding, AlertSeverity } from '../../domain/alerts/risk-alert';
import { withTransaction } from './with-transaction';

/** A rule with its hysteresis state, as stored. */
export interface StoredAlert {
  readonly rule: AlertRule;
  readonly state: AlertState;
  readonly createdAt: Date;
  readonly lastTriggeredAt: Date | null;
}

/** A stored trigger: what the wallet was told. */
export interface StoredAlertEvent {
  readonly id: string;
  readonly alertId: string | null;
  readonly type: string;
  readonly severity: AlertSeverity;
  readonly message: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/**
 * Alert rules and their events. Every read and write is scoped by the owning wallet (`WHERE wallet = $1`), so an id
 * of another wallet's alert behaves exactly like an unknown id.
 */
export interface AlertsRepository {
  readonly listByWallet: (wallet: WalletAddress) => TE.TaskEither<AppError, ReadonlyArray<StoredAlert>>;
  /** Conflict when the wallet already has `maxPerWallet` alerts (checked under a per-wallet lock, so parallel creates cannot overshoot). */
  readonly create: (wallet: WalletAddress, alert: NewAlert & { readonly id: string; readonly createdAt: Date }, maxPerWallet: number) => TE.TaskEither<AppError, StoredAlert>;
  /** True when the wallet had an alert with this id (and it is gone now). */
  readonly delete: (wallet: WalletAddress, id: string) => TE.TaskEither<AppError, boolean>;
  /**
   * Disarms the alert and stores its event in one statement, only if it is still armed: of two workers evaluating the
   * same read, one records the trigger and the other gets false. True when this call recorded it.
   */
  readonly recordTrigger: (
    rule: AlertRule,
    next: AlertState,
    event: { readonly id: string; readonly finding: AlertFinding; readonly at: Date },
  ) => TE.TaskEither<AppError, boolean>;
  /** Writes `next` if the stored `armed` flag is still `expectedArmed`. */
  readonly updateState: (rule: AlertRule, expectedArmed: boolean, next: AlertState) => TE.TaskEither<AppError, boolean>;
  readonly listEvents: (wallet: WalletAddress, limit: number) => TE.TaskEither<AppError, ReadonlyArray<StoredAlertEvent>>;
}

const dbError = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause });

const NullableNumber = t.union([t.number, t.null]);
const AlertRowCodec = t.type({
  id: t.string,
  wallet: WalletAddressCodec,
  type: AlertTypeCodec,
  threshold: t.number,
  token: t.union([t.string, t.null]),
  armed: t.boolean,
  baseline_value_usd: NullableNumber,
  created_at: t.unknown,
  last_triggered_at: t.unknown,
});

const SeverityCodec = t.keyof({ info: null, warning: null, critical: null });
const EventRowCodec = t.type({
  id: t.string,
  alert_id: t.union([t.string, t.null]),
  type: t.string,
  severity: SeverityCodec,
  message: t.string,
  metadata: t.UnknownRecord,
  created_at: t.unknown,
});

const dateOrNull = (u: unknown): Date | null => (u instanceof Date ? u : null);

/** A row that does not decode is a schema bug: report it as a database fault rather than serve it. */
const decodeRow = <A>(codec: t.Decoder<unknown, A>, row: unknown): A =>
  pipe(
    codec.decode(row),
    E.getOrElseW(() => {
      throw new Error(`unexpected row shape from ${codec.name}`);
    }),
  );

const toStoredAlert = (row: unknown): StoredAlert => {
  const r = decodeRow(AlertRowCodec, row);
  return {
    rule: { id: r.id, wallet: r.wallet, type: r.type, threshold: r.threshold, token: r.token },
    state: { armed: r.armed, baselineValueUSD: r.baseline_value_usd },
    createdAt: dateOrNull(r.created_at) ?? new Date(0),
    lastTriggeredAt: dateOrNull(r.last_triggered_at),
  };
};

const toStoredEvent = (row: unknown): StoredAlertEvent => {
  const r = decodeRow(EventRowCodec, row);
  return { id: r.id, alertId: r.alert_id, type: r.type, severity: r.severity, message: r.message, metadata: r.metadata, createdAt: dateOrNull(r.created_at) ?? new Date(0) };
};

const ALERT_COLUMNS = 'id::text AS id, wallet, type, threshold, token, armed, baseline_value_usd, created_at, last_triggered_at';

export const makeAlertsRepository = (pool: Pool): AlertsRepository => ({
  listByWallet: (wallet) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE wallet = $1 ORDER BY created_at, id`, [wallet]);
      return rows.map(toStoredAlert);
    }, dbError),

  create: (wallet, alert, maxPerWallet) =>
    pipe(
      TE.tryCatch(
        () =>
          withTransaction(pool, async (client) => {
            await client.query("SELECT pg_advisory_xact_lock(hashtextextended('alerts:' || $1, 0))", [wallet]);
            const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts WHERE wallet = $1', [wallet]);
            if ((count.rows[0]?.n ?? 0) >= maxPerWallet) return null;
            const { rows } = await client.query(
              `INSERT INTO alerts (id, wallet, type, threshold, token, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ALERT_COLUMNS}`,
              [alert.id, wallet, alert.type, alert.threshold, alert.token, alert.createdAt],
            );
            return toStoredAlert(rows[0]);
          }),
        dbError,
      ),
      TE.flatMap((stored) => (stored === null ? TE.left<AppError>({ _tag: 'Conflict', message: `A wallet can keep at most ${maxPerWallet} alerts: delete one first` }) : TE.right(stored))),
    ),

  delete: (wallet, id) =>
    TE.tryCatch(async () => {
      const res = await pool.query('DELETE FROM alerts WHERE wallet = $1 AND id = $2::uuid', [wallet, id]);
      return (res.rowCount ?? 0) > 0;
    }, dbError),

  recordTrigger: (rule, next, event) =>
    TE.tryCatch(async () => {
      const res = await pool.query(
        `WITH disarmed AS (
           UPDATE alerts SET armed = false, baseline_value_usd = $3, last_triggered_at = $4
           WHERE id = $1 AND wallet = $2 AND armed = true
           RETURNING id, wallet
         )
         INSERT INTO alert_events (id, alert_id, wallet, type, severity, message, metadata, created_at)
         SELECT $5, disarmed.id, disarmed.wallet, $6, $7, $8, $9, $4 FROM disarmed`,
        [rule.id, rule.wallet, next.baselineValueUSD, event.at, event.id, event.finding.type, event.finding.severity, event.finding.message, JSON.stringify(event.finding.metadata)],
      );
      return (res.rowCount ?? 0) > 0;
    }, dbError),

  updateState: (rule, expectedArmed, next) =>
    TE.tryCatch(async () => {
      const res = await pool.query('UPDATE alerts SET armed = $3, baseline_value_usd = $4 WHERE id = $1 AND wallet = $2 AND armed = $5', [
        rule.id,
        rule.wallet,
        next.armed,
        next.baselineValueUSD,
        expectedArmed,
      ]);
      return (res.rowCount ?? 0) > 0;
    }, dbError),

  listEvents: (wallet, limit) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query(
        'SELECT id::text AS id, alert_id::text AS alert_id, type, severity, message, metadata, created_at FROM alert_events WHERE wallet = $1 ORDER BY created_at DESC, id LIMIT $2',
        [wallet, limit],
      );
      return rows.map(toStoredEvent);
    }, dbError),
});

import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { AlertRule, AlertState } from '../../domain/alerts/alert-rule';
import type { NewAlert } from '../../domain/alerts/new-alert';
import type { AlertFinding, AlertSeverity, RiskAlertPayload } from '../../domain/alerts/risk-alert';

/**
 * Where triggered alerts go: the Socket.IO layer emits `risk_alert` to the wallet's room. Must not throw or block;
 * delivery is best effort (the event is already stored when this is called).
 */
export type AlertNotifier = (wallet: WalletAddress, alert: RiskAlertPayload) => void;

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
 * of another wallet's alert behaves exactly like an unknown id. Filled by infra/db/alerts-repository.ts.
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

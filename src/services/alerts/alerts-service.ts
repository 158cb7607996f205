import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain/app-error';
import { WalletAddressCodec, type WalletAddress } from '../../domain/address/wallet-address';
import { isPriceAlertType } from '../../domain/alerts/alert-rule';
import { evaluateAlert } from '../../domain/alerts/evaluate-alert';
import { liquidationRiskChange } from '../../domain/alerts/liquidation-risk-change';
import { validateNewAlert, type NewAlertBody } from '../../domain/alerts/new-alert';
import type { AlertFinding, RiskAlertPayload } from '../../domain/alerts/risk-alert';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { TokenRef } from '../../domain/tokens/token-ref';
import type { AlertNotifier, AlertsRepository, StoredAlert, StoredAlertEvent } from './ports';
import type { Logger } from '../ports/logger';
import type { PriceFeed } from '../pricing/price-feed';

export interface AlertsDeps {
  readonly alerts: AlertsRepository;
  /** Where `risk_alert`s go (the Socket.IO room of the wallet). */
  readonly notify: AlertNotifier;
  /** The token a client named, if a price alert may watch it ("native" or a registry token). */
  readonly tokenRefOf: (input: string) => TokenRef | undefined;
  /** Prices of watched tokens the wallet does not hold (absent: such price alerts wait until the token is held). */
  readonly priceFeed?: PriceFeed;
  readonly maxPerWallet: number;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** An alert as the API shows it. */
export interface AlertView {
  readonly id: string;
  readonly type: string;
  readonly threshold: number;
  readonly token: string | null;
  /** False after it fired, until its condition clears. */
  readonly armed: boolean;
  readonly createdAt: string;
  readonly lastTriggeredAt: string | null;
}

export interface AlertEventView {
  readonly id: string;
  readonly alertId: string | null;
  readonly type: string;
  readonly severity: string;
  readonly message: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

/** What one evaluation did, for logs and tests. */
export interface EvaluationOutcome {
  readonly triggered: number;
  readonly rearmed: number;
  readonly failed: number;
  readonly liquidationRiskChanged: boolean;
}

export interface AlertsService {
  readonly list: (wallet: WalletAddress) => TE.TaskEither<AppError, { readonly alerts: ReadonlyArray<AlertView> }>;
  /** ValidationFailed with every problem, or Conflict past the per-wallet limit. */
  readonly create: (wallet: WalletAddress, body: NewAlertBody) => TE.TaskEither<AppError, AlertView>;
  /** NotFound unless the wallet owns an alert with this id. */
  readonly remove: (wallet: WalletAddress, id: string) => TE.TaskEither<AppError, { readonly deleted: string }>;
  readonly listEvents: (wallet: WalletAddress, limit: number) => TE.TaskEither<AppError, { readonly events: ReadonlyArray<AlertEventView> }>;
  /**
   * Runs after every fresh read of a wallet: evaluates its alerts with hysteresis, stores and pushes what fired, and
   * pushes a change of liquidation-risk level even without any rule. A stale portfolio is not evaluated.
   */
  readonly evaluateForPortfolio: (portfolio: Portfolio, previous: Portfolio | null) => TE.TaskEither<AppError, EvaluationOutcome>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTHING_DONE: EvaluationOutcome = { triggered: 0, rearmed: 0, failed: 0, liquidationRiskChanged: false };

const toView = (a: StoredAlert): AlertView => ({
  id: a.rule.id,
  type: a.rule.type,
  threshold: a.rule.threshold,
  token: a.rule.token,
  armed: a.state.armed,
  createdAt: a.createdAt.toISOString(),
  lastTriggeredAt: a.lastTriggeredAt?.toISOString() ?? null,
});

const toEventView = (e: StoredAlertEvent): AlertEventView => ({ ...e, createdAt: e.createdAt.toISOString() });

const toPayload = (id: string, wallet: WalletAddress, finding: AlertFinding, at: Date): RiskAlertPayload => ({
  id,
  type: finding.type,
  severity: finding.severity,
  message: finding.message,
  walletAddress: wallet,
  metadata: finding.metadata,
  timestamp: at.toISOString(),
});

/** Prices of the portfolio's own tokens, plus (through the price feed) those watched but not held. */
const pricesFor = async (deps: AlertsDeps, portfolio: Portfolio, alerts: ReadonlyArray<StoredAlert>): Promise<ReadonlyMap<string, number>> => {
  const prices = new Map<string, number>();
  for (const b of portfolio.tokenBalances) if (b.priceUSD !== null) prices.set(b.token, b.priceUSD);
  const missing = alerts
    .filter((a) => isPriceAlertType(a.rule.type) && a.rule.token !== null && !prices.has(a.rule.token))
    .flatMap((a) => {
      const ref = a.rule.token === null ? undefined : deps.tokenRefOf(a.rule.token);
      return ref === undefined ? [] : [ref];
    });
  if (missing.length === 0 || deps.priceFeed === undefined) return prices;
  const fetched = await deps.priceFeed.getPrices([...new Map(missing.map((r) => [r.key, r])).values()])();
  for (const [key, price] of fetched) prices.set(key, price.usd);
  return prices;
};

export const makeAlertsService = (deps: AlertsDeps): AlertsService => {
  const notifySafely = (wallet: WalletAddress, payload: RiskAlertPayload): void => {
    try {
      deps.notify(wallet, payload);
    } catch (cause) {
      deps.logger.error('risk_alert delivery threw', { wallet, alertType: payload.type, cause });
    }
  };

  const evaluate = async (portfolio: Portfolio, previous: Portfolio | null): Promise<E.Either<AppError, EvaluationOutcome>> => {
    const decoded = WalletAddressCodec.decode(portfolio.walletAddress);
    if (portfolio.stale === true || E.isLeft(decoded)) return E.right(NOTHING_DONE);
    const wallet = decoded.right;
    const now = deps.now();

    const riskChange = liquidationRiskChange(portfolio, previous);
    if (riskChange !== null) notifySafely(wallet, toPayload(randomUUID(), wallet, riskChange, now));

    const stored = await deps.alerts.listByWallet(wallet)();
    if (E.isLeft(stored)) return stored;
    if (stored.right.length === 0) return E.right({ ...NOTHING_DONE, liquidationRiskChanged: riskChange !== null });

    const prices = await pricesFor(deps, portfolio, stored.right);
    let triggered = 0;
    let rearmed = 0;
    let failed = 0;
    for (const { rule, state } of stored.right) {
      const decision = evaluateAlert(rule, state, { portfolio, previous, prices });
      if (decision.kind === 'trigger') {
        const eventId = randomUUID();
        const recorded = await deps.alerts.recordTrigger(rule, decision.next, { id: eventId, finding: decision.finding, at: now })();
        if (E.isLeft(recorded)) failed += 1;
        else if (recorded.right) {
          triggered += 1;
          notifySafely(wallet, toPayload(eventId, wallet, decision.finding, now));
        }
      } else if (decision.next.armed !== state.armed || decision.next.baselineValueUSD !== state.baselineValueUSD) {
        const updated = await deps.alerts.updateState(rule, state.armed, decision.next)();
        if (E.isLeft(updated)) failed += 1;
        else if (updated.right && decision.kind === 'rearm') rearmed += 1;
      }
    }
    if (failed > 0) deps.logger.warn('some alerts could not be evaluated', { wallet, failed });
    return E.right({ triggered, rearmed, failed, liquidationRiskChanged: riskChange !== null });
  };

  return {
    list: (wallet) =>
      pipe(
        deps.alerts.listByWallet(wallet),
        TE.map((alerts) => ({ alerts: alerts.map(toView) })),
      ),

    create: (wallet, body) =>
      pipe(
        TE.fromEither(validateNewAlert(body, (input) => deps.tokenRefOf(input)?.key)),
        TE.mapLeft((details): AppError => ({ _tag: 'ValidationFailed', details })),
        TE.flatMap((alert) => deps.alerts.create(wallet, { ...alert, id: randomUUID(), createdAt: deps.now() }, deps.maxPerWallet)),
        TE.map(toView),
      ),

    remove: (wallet, id) =>
      !UUID.test(id)
        ? TE.left({ _tag: 'NotFound', resource: 'Alert' })
        : pipe(
            deps.alerts.delete(wallet, id),
            TE.flatMap((deleted) => (deleted ? TE.right({ deleted: id.toLowerCase() }) : TE.left<AppError>({ _tag: 'NotFound', resource: 'Alert' }))),
          ),

    listEvents: (wallet, limit) =>
      pipe(
        deps.alerts.listEvents(wallet, limit),
        TE.map((events) => ({ events: events.map(toEventView) })),
      ),

    evaluateForPortfolio: (portfolio, previous) => () => evaluate(portfolio, previous),
  };
};

/** The `onFreshRead` hook: evaluates in the background and logs a failure; the read that triggered it never waits. */
export const evaluateAlertsInBackground =
  (alerts: AlertsService, logger: Logger, onSettled: (outcome: 'ok' | 'failed') => void = () => undefined) =>
  (portfolio: Portfolio, previous: Portfolio | null): void => {
    alerts
      .evaluateForPortfolio(portfolio, previous)()
      .then(
        (outcome) => {
          if (E.isLeft(outcome)) logger.warn('alert evaluation failed', { wallet: portfolio.walletAddress, cause: outcome.left });
          onSettled(E.isLeft(outcome) ? 'failed' : 'ok');
        },
        (cause: unknown) => {
          logger.error('alert evaluation threw', { wallet: portfolio.walletAddress, cause });
          onSettled('failed');
        },
      );
  };

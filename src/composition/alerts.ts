import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { Portfolio } from '../domain/portfolio/portfolio';
import { makeAlertsRepository } from '../infra/db/alerts-repository';
import type { AlertNotifier } from '../services/alerts/ports';
import { alertTokenRefOf } from '../services/alerts/alert-token-ref';
import { evaluateAlertsInBackground, makeAlertsService, type AlertsService } from '../services/alerts/alerts-service';
import type { Logger } from '../services/ports/logger';
import type { PriceFeed } from '../services/pricing/price-feed';

export interface AlertsWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly pool: Pool;
  readonly priceFeed: PriceFeed;
  /** Where triggered alerts go: the sockets signed in as the wallet, as `risk_alert`. */
  readonly notify: AlertNotifier;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Told how each background evaluation ended (alert_evaluations_total). */
  readonly onEvaluated: (outcome: 'ok' | 'failed') => void;
}

export interface Alerts {
  readonly service: AlertsService;
  /** The portfolio's onFreshRead part for alerts: evaluates in the background, never delaying the read. */
  readonly evaluateInBackground: (fresh: Portfolio, previous: Portfolio | null) => void;
}

/** The alerts side: rules and events in Postgres, price alerts on registry tokens and native SEI. */
export const makeAlerts = (w: AlertsWiring): Alerts => {
  const service = makeAlertsService({
    alerts: makeAlertsRepository(w.pool),
    notify: w.notify,
    tokenRefOf: (input) => alertTokenRefOf(w.registry, input),
    priceFeed: w.priceFeed,
    maxPerWallet: w.config.alerts.maxPerWallet,
    logger: w.logger,
    now: w.now,
  });
  return { service, evaluateInBackground: evaluateAlertsInBackground(service, w.logger, w.onEvaluated) };
};

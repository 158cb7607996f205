import type { Answer } from './answers';
import type { FaultApp } from './fault-app';

/** An alert body the app accepts. */
export const NEW_ALERT = { type: 'health_factor_below', threshold: 1.5 } as const;

/** The lock the app takes, in its transaction, to create an alert for the wallet given as $1 (the alerts repository). */
export const ALERT_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('alerts:' || $1, 0))";

/**
 * Creates alerts for the signed-in wallet, `count` of them one after another, and returns how many the app
 * acknowledged (201): the writes that must be in Postgres afterwards, whatever failed meanwhile.
 */
export const createAlerts = async (app: FaultApp, token: string, count: number): Promise<number> => {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await app.ask({ method: 'POST', path: '/api/alerts', token, json: NEW_ALERT }));
  return answers.filter((a) => a.status === 201).length;
};

/** How loud a risk alert is (the API's `severity`). */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** The `risk_alert` event pushed to a wallet, as API.md names it. */
export interface RiskAlertPayload {
  readonly id: string;
  /** An alert type, or `liquidation_risk` for a change of liquidation-risk level. */
  readonly type: string;
  readonly severity: AlertSeverity;
  readonly message: string;
  readonly walletAddress: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** ISO-8601 UTC. */
  readonly timestamp: string;
}

/** What an evaluation found, before it gets an id, an owner and a time. */
export interface AlertFinding {
  readonly type: string;
  readonly severity: AlertSeverity;
  readonly message: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

import * as t from 'io-ts';
import type { WalletAddress } from '../address/wallet-address';

/** The kinds of alert a wallet can set (the API's `type`). */
export const ALERT_TYPES = ['health_factor_below', 'value_change_pct', 'price_above', 'price_below', 'lp_out_of_range'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** Decodes an alert type; its name lists the accepted values, for validation messages. */
export const AlertTypeCodec = t.keyof({
  health_factor_below: null,
  value_change_pct: null,
  price_above: null,
  price_below: null,
  lp_out_of_range: null,
} satisfies Record<AlertType, null>);

/** Alert types that watch one token's price and so need a `token`. */
export const isPriceAlertType = (type: AlertType): type is 'price_above' | 'price_below' => type === 'price_above' || type === 'price_below';

/** A stored alert rule, owned by `wallet`. `token` is "native" or a checksummed address, for price alerts only. */
export interface AlertRule {
  readonly id: string;
  readonly wallet: WalletAddress;
  readonly type: AlertType;
  readonly threshold: number;
  readonly token: string | null;
}

/**
 * The hysteresis state of a rule. `armed` is false from a trigger until the condition clears.
 * `baselineValueUSD` is the reference net worth of a value_change_pct rule (null until first seen).
 */
export interface AlertState {
  readonly armed: boolean;
  readonly baselineValueUSD: number | null;
}

/** A new rule starts armed, with no baseline. */
export const INITIAL_ALERT_STATE: AlertState = { armed: true, baselineValueUSD: null };

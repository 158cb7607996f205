import type { Portfolio } from '../portfolio/portfolio';
import { NATIVE_KEY } from '../tokens/token-ref';
import type { AlertRule, AlertState } from './alert-rule';
import type { AlertFinding, AlertSeverity } from './risk-alert';

/**
 * Relative band between "the condition holds" and "the condition has cleared": a health-factor alert at 1.5
 * re-arms only at 1.53 or above, a price-above alert at 100 only at 98 or below. Values inside the band change nothing,
 * so a reading hovering around the threshold cannot re-arm and fire again on every wobble.
 */
export const REARM_BAND = 0.02;

/** Below this health factor a health-factor alert is critical rather than a warning (the liquidation-risk "critical" band). */
const CRITICAL_HEALTH_FACTOR = 1.05;

/** What one fresh read means for one rule. */
export interface AlertObservation {
  readonly portfolio: Portfolio;
  /** The portfolio of the read before, when known. */
  readonly previous: Portfolio | null;
  /** USD prices by token key ("native" or checksummed address), for price alerts. */
  readonly prices: ReadonlyMap<string, number>;
}

export type AlertDecision =
  | { readonly kind: 'trigger'; readonly next: AlertState; readonly finding: AlertFinding }
  | { readonly kind: 'rearm'; readonly next: AlertState }
  | { readonly kind: 'nothing'; readonly next: AlertState };

/** Where a reading stands against a rule: the condition holds, it has cleared (beyond the band), it is in the band, or it cannot be told. */
type Standing =
  | { readonly kind: 'holds'; readonly finding: AlertFinding }
  | { readonly kind: 'clear' }
  | { readonly kind: 'band' }
  | { readonly kind: 'unknown' };

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const usd = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const tokenLabel = (rule: AlertRule, portfolio: Portfolio): string => {
  if (rule.token === null) return 'the token';
  const held = portfolio.tokenBalances.find((b) => b.token.toLowerCase() === rule.token?.toLowerCase());
  if (held !== undefined && held.symbol !== '') return held.symbol;
  return rule.token === NATIVE_KEY ? 'SEI' : rule.token;
};

const healthFactorStanding = (rule: AlertRule, portfolio: Portfolio): Standing => {
  const hf = portfolio.healthFactor;
  if (hf === null || hf >= rule.threshold * (1 + REARM_BAND)) return { kind: 'clear' };
  if (hf >= rule.threshold) return { kind: 'band' };
  const severity: AlertSeverity = hf < CRITICAL_HEALTH_FACTOR ? 'critical' : 'warning';
  return {
    kind: 'holds',
    finding: {
      type: rule.type,
      severity,
      message: `Health factor ${fmt(hf)} is below your alert threshold of ${fmt(rule.threshold)}: add collateral or repay debt to avoid liquidation.`,
      metadata: { alertId: rule.id, threshold: rule.threshold, healthFactor: hf },
    },
  };
};

const priceStanding = (rule: AlertRule, obs: AlertObservation, direction: 'above' | 'below'): Standing => {
  const price = rule.token === null ? undefined : obs.prices.get(rule.token);
  if (price === undefined || !Number.isFinite(price)) return { kind: 'unknown' };
  const holds = direction === 'above' ? price > rule.threshold : price < rule.threshold;
  const cleared = direction === 'above' ? price <= rule.threshold * (1 - REARM_BAND) : price >= rule.threshold * (1 + REARM_BAND);
  if (cleared) return { kind: 'clear' };
  if (!holds) return { kind: 'band' };
  const label = tokenLabel(rule, obs.portfolio);
  return {
    kind: 'holds',
    finding: {
      type: rule.type,
      severity: 'info',
      message: `${label} is at ${usd(price)}, ${direction} your alert price of ${usd(rule.threshold)}.`,
      metadata: { alertId: rule.id, threshold: rule.threshold, token: rule.token, priceUSD: price },
    },
  };
};

const outOfRangeStanding = (rule: AlertRule, portfolio: Portfolio): Standing => {
  const out = portfolio.liquidityPositions.filter((p) => !p.isInRange);
  if (out.length === 0) return { kind: 'clear' };
  const names = out.map((p) => `${p.token0Symbol}/${p.token1Symbol} #${p.id}`);
  return {
    kind: 'holds',
    finding: {
      type: rule.type,
      severity: 'warning',
      message: `${out.length === 1 ? 'A liquidity position is out of range and earns' : `${out.length} liquidity positions are out of range and earn`} no fees: ${names.join(', ')}.`,
      metadata: { alertId: rule.id, positions: out.map((p) => ({ id: p.id, platform: p.platform, poolAddress: p.poolAddress })) },
    },
  };
};

/**
 * value_change_pct, armed: compares net worth with the baseline (the value when the rule was armed, or the previous
 * read's for a rule never evaluated). Fires when it moved by at least `threshold` percent either way.
 */
const evaluateValueChangeArmed = (rule: AlertRule, state: AlertState, obs: AlertObservation): AlertDecision => {
  const value = obs.portfolio.netWorthUSD;
  const baseline = state.baselineValueUSD ?? obs.previous?.netWorthUSD ?? null;
  if (baseline === null || !(baseline > 0)) return { kind: 'nothing', next: { armed: true, baselineValueUSD: value } };
  const changePct = ((value - baseline) * 100) / baseline;
  if (Math.abs(changePct) < rule.threshold) return { kind: 'nothing', next: { armed: true, baselineValueUSD: baseline } };
  const direction = changePct < 0 ? 'fell' : 'rose';
  return {
    kind: 'trigger',
    next: { armed: false, baselineValueUSD: value },
    finding: {
      type: rule.type,
      severity: changePct < 0 ? 'warning' : 'info',
      message: `Your portfolio ${direction} ${fmt(Math.abs(changePct))}% (from ${usd(baseline)} to ${usd(value)}), past your ${fmt(rule.threshold)}% alert.`,
      metadata: { alertId: rule.id, threshold: rule.threshold, changePct, fromUSD: baseline, toUSD: value },
    },
  };
};

/**
 * value_change_pct, after a trigger: it has cleared once net worth has settled, i.e. moved by less than half the
 * threshold since the last read; it re-arms with that value as the new baseline. While it keeps moving it stays quiet.
 */
const evaluateValueChangeDisarmed = (rule: AlertRule, state: AlertState, obs: AlertObservation): AlertDecision => {
  const value = obs.portfolio.netWorthUSD;
  const last = state.baselineValueUSD;
  if (last === null || !(last > 0)) return { kind: 'nothing', next: { armed: false, baselineValueUSD: value } };
  const stepPct = (Math.abs(value - last) * 100) / last;
  return stepPct < rule.threshold / 2
    ? { kind: 'rearm', next: { armed: true, baselineValueUSD: value } }
    : { kind: 'nothing', next: { armed: false, baselineValueUSD: value } };
};

const standingOf = (rule: AlertRule, obs: AlertObservation): Standing => {
  switch (rule.type) {
    case 'health_factor_below':
      return healthFactorStanding(rule, obs.portfolio);
    case 'price_above':
      return priceStanding(rule, obs, 'above');
    case 'price_below':
      return priceStanding(rule, obs, 'below');
    case 'lp_out_of_range':
      return outOfRangeStanding(rule, obs.portfolio);
    case 'value_change_pct':
      return { kind: 'unknown' };
  }
};

/**
 * Decides what a fresh read means for one rule, with hysteresis: an armed rule whose condition holds triggers and
 * disarms; a disarmed rule re-arms only once the condition has cleared; anything else changes nothing. So a condition
 * that keeps holding, or hovers around the threshold, fires once until it clears.
 */
export const evaluateAlert = (rule: AlertRule, state: AlertState, obs: AlertObservation): AlertDecision => {
  if (rule.type === 'value_change_pct') {
    return state.armed ? evaluateValueChangeArmed(rule, state, obs) : evaluateValueChangeDisarmed(rule, state, obs);
  }
  const standing = standingOf(rule, obs);
  if (state.armed && standing.kind === 'holds') return { kind: 'trigger', next: { ...state, armed: false }, finding: standing.finding };
  if (!state.armed && standing.kind === 'clear') return { kind: 'rearm', next: { ...state, armed: true } };
  return { kind: 'nothing', next: state };
};

import type { Portfolio } from '../portfolio/portfolio';
import type { AlertFinding, AlertSeverity } from './risk-alert';

const LEVELS: ReadonlyArray<string> = ['none', 'low', 'medium', 'high', 'critical'];

const rankOf = (level: string): number => LEVELS.indexOf(level);

const severityOf = (to: string, rising: boolean): AlertSeverity => (!rising ? 'info' : to === 'critical' ? 'critical' : to === 'high' ? 'warning' : 'info');

/**
 * A finding when the liquidation-risk level moved between the previous read and this one (either way), with no rule
 * needed; null when it did not move, when there is no previous read, or when a level is not one we know.
 */
export const liquidationRiskChange = (portfolio: Portfolio, previous: Portfolio | null): AlertFinding | null => {
  if (previous === null) return null;
  const from = previous.risk.liquidationRisk;
  const to = portfolio.risk.liquidationRisk;
  const fromRank = rankOf(from);
  const toRank = rankOf(to);
  if (fromRank < 0 || toRank < 0 || fromRank === toRank) return null;
  const rising = toRank > fromRank;
  const hf = portfolio.healthFactor;
  const hfText = hf === null ? 'no debt left' : `health factor ${hf.toFixed(2)}`;
  const advice = rising && (to === 'high' || to === 'critical') ? ' Add collateral or repay debt to avoid liquidation.' : '';
  return {
    type: 'liquidation_risk',
    severity: severityOf(to, rising),
    message: `Liquidation risk ${rising ? 'rose' : 'fell'} from ${from} to ${to} (${hfText}).${advice}`,
    metadata: { from, to, healthFactor: hf, previousHealthFactor: previous.healthFactor },
  };
};

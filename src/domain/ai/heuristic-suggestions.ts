import { formatPercent } from '../risk/format-figures';
import type { PortfolioFigures } from './portfolio-figures';
import { opportunityFindings, riskFindings, type RiskTolerance } from './portfolio-rules';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';
import type { SuggestionsAnswer } from './suggestions-answer';

/** Suggestions from the rules, judged against the wallet's tolerance; the first one says the answer is rule-based. */
export const heuristicSuggestions = (f: PortfolioFigures, tolerance: RiskTolerance, reason: FallbackReason): SuggestionsAnswer => {
  const findings = [...riskFindings(f, tolerance), ...opportunityFindings(f)];
  const suggestions = findings.map(({ action, rationale, expectedImpact }) => ({ action, rationale, expectedImpact }));
  const keep = {
    action: 'Keep your current allocation and review it when the market moves.',
    rationale: `No rule for a ${tolerance} profile flags your portfolio: risk is ${f.riskLevel}, the largest holding is ${f.topAsset ?? 'none'} at ${formatPercent(f.topWeight)}.`,
    expectedImpact: 'No change.',
  };
  const [first, ...rest] = suggestions.length > 0 ? suggestions : [keep];
  return {
    suggestions: [{ ...(first ?? keep), rationale: `${ruleBasedNotice(reason)} ${(first ?? keep).rationale}` }, ...rest].slice(0, 12),
  };
};

import type { LendingActionLink as LendingLink } from '../tx/lending';
import { formatPercent } from '../risk/format-figures';
import type { PortfolioFigures } from './portfolio-figures';
import { opportunityFindings, riskFindings, type RiskTolerance, type RuleFinding } from './portfolio-rules';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';
import type { LinkedSuggestion, LinkedSuggestionsAnswer } from './suggestions-answer';

const asSuggestion = ({ action, rationale, expectedImpact }: RuleFinding | LendingLink): LinkedSuggestion => ({ action, rationale, expectedImpact });
const linked = (link: LendingLink): LinkedSuggestion => ({ ...asSuggestion(link), prepare: link.prepare });

/**
 * Suggestions from the rules, judged against the wallet's tolerance; the first one says the answer is rule-based.
 * `links` are the lending actions the rules size exactly (a repay to the target health factor replaces the generic
 * health-factor advice; idle collateral to withdraw follows the risks), each with its prepare link.
 */
export const heuristicSuggestions = (f: PortfolioFigures, tolerance: RiskTolerance, reason: FallbackReason, links: ReadonlyArray<LendingLink> = []): LinkedSuggestionsAnswer => {
  const repay = links.find((l) => l.id === 'repay-to-target');
  const risks = riskFindings(f, tolerance).map((finding) => (finding.id === 'health-factor' && repay !== undefined ? linked(repay) : asSuggestion(finding)));
  const idle = links.filter((l) => l.id === 'withdraw-idle-collateral').map(linked);
  const suggestions = [...risks, ...idle, ...opportunityFindings(f).map(asSuggestion)];
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

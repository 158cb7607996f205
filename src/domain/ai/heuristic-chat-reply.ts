import {
  describeCaveats,
  describeConcentration,
  describeLending,
  describeLiquidity,
  describePerformance,
  describeRisk,
  describeStablecoins,
  describeTotals,
} from './describe-figures';
import type { PortfolioFigures } from './portfolio-figures';
import { opportunityFindings, riskFindings } from './portfolio-rules';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';

interface Topic {
  readonly pattern: RegExp;
  readonly answer: (f: PortfolioFigures) => ReadonlyArray<string>;
}

const TOPICS: ReadonlyArray<Topic> = [
  { pattern: /health|liquidat|borrow|debt|loan|collateral/i, answer: (f) => [describeLending(f), describeRisk(f)] },
  { pattern: /perform|return|drawdown|p&l|pnl|profit|loss|gain/i, answer: (f) => [describePerformance(f), describeTotals(f)] },
  { pattern: /liquidity|\blp\b|range|pool|fees?\b/i, answer: (f) => [describeLiquidity(f)] },
  { pattern: /stable/i, answer: (f) => [describeStablecoins(f)] },
  { pattern: /risk|safe|danger|exposure|concentrat|diversif/i, answer: (f) => [describeRisk(f), describeConcentration(f), describeStablecoins(f), ...f.factors.slice(0, 3).map((x) => x.explanation)] },
  { pattern: /worth|value|balance|net|total|hold|own|portfolio/i, answer: (f) => [describeTotals(f), describeConcentration(f)] },
];

/** A reply from the topics the message mentions (an overview when none), always from the wallet's real figures. */
export const heuristicChatReply = (f: PortfolioFigures, message: string, reason: FallbackReason): string => {
  const matched = TOPICS.filter((t) => t.pattern.test(message));
  const sentences = matched.length > 0 ? matched.flatMap((t) => t.answer(f)) : [describeTotals(f), describeConcentration(f), describeLending(f), describeRisk(f)];
  return [ruleBasedNotice(reason), ...new Set(sentences), ...describeCaveats(f)].join(' ');
};

export type ChatAnalysisFocus = 'performance' | 'risk' | 'opportunities' | 'comprehensive';

/** The rule-based `/api/chat/analysis` reply for a focus. */
export const heuristicChatAnalysis = (f: PortfolioFigures, focus: ChatAnalysisFocus, reason: FallbackReason): string => {
  const findings = (xs: ReturnType<typeof riskFindings>) => xs.map((x) => `${x.action} ${x.rationale}`);
  const body: ReadonlyArray<string> =
    focus === 'performance'
      ? [describePerformance(f), describeTotals(f)]
      : focus === 'risk'
        ? [describeRisk(f), describeLending(f), describeConcentration(f), describeStablecoins(f), describeLiquidity(f), ...findings(riskFindings(f))]
        : focus === 'opportunities'
          ? [describeTotals(f), ...findings(opportunityFindings(f)), ...(opportunityFindings(f).length === 0 ? ['No specific opportunity stands out from your current positions.'] : [])]
          : [describeTotals(f), describeConcentration(f), describeStablecoins(f), describeLending(f), describeLiquidity(f), describePerformance(f), describeRisk(f), ...findings(riskFindings(f))];
  return [ruleBasedNotice(reason), ...body, ...describeCaveats(f)].join(' ');
};

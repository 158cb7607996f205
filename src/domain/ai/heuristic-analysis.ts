import type { AnalysisAnswer } from './analysis-answer';
import { describeCaveats, describeConcentration, describeLending, describeLiquidity, describePerformance, describeRisk, describeStablecoins, describeTotals } from './describe-figures';
import type { PortfolioFigures } from './portfolio-figures';
import { opportunityFindings, riskFindings } from './portfolio-rules';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';

export type AnalysisType = 'basic' | 'detailed' | 'risk_focused';

/** The deterministic analysis: the same figures always give the same words. */
export const heuristicAnalysis = (f: PortfolioFigures, analysisType: AnalysisType, reason: FallbackReason): AnalysisAnswer => {
  const core = [describeTotals(f), describeConcentration(f), describeStablecoins(f), describeLending(f), describeLiquidity(f), describePerformance(f), describeRisk(f)];
  const factorLines = f.factors.map((x) => x.explanation);
  const body =
    analysisType === 'risk_focused'
      ? [describeRisk(f), describeLending(f), describeConcentration(f), describeStablecoins(f), describeLiquidity(f), describePerformance(f), ...factorLines]
      : analysisType === 'detailed'
        ? [...core, ...factorLines]
        : core;
  const recommendations = riskFindings(f).map((x) => `${x.action} ${x.rationale}`);
  const opportunities = opportunityFindings(f).map((x) => `${x.action} ${x.rationale}`);
  return {
    analysis: [ruleBasedNotice(reason), ...body, ...describeCaveats(f)].join(' '),
    recommendations: recommendations.length > 0 ? recommendations : ['No rule flags a problem: keep watching your health factor, concentration and liquidity ranges.'],
    riskAssessment: { level: f.riskLevel, factors: factorLines },
    opportunities: opportunities.length > 0 ? opportunities : ['No specific opportunity stands out from your current positions.'],
  };
};

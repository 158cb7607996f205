import type { AnswerRiskLevel } from './answer-text';
import { describeLending, describeRisk, describeStablecoins, formatHealthFactor } from './describe-figures';
import type { PortfolioFigures } from './portfolio-figures';
import type { RiskAssessmentAnswer } from './risk-assessment-answer';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';

interface StrategyRule {
  readonly pattern: RegExp;
  readonly level: AnswerRiskLevel;
  readonly factor: (f: PortfolioFigures) => string;
}

const STRATEGY_RULES: ReadonlyArray<StrategyRule> = [
  {
    pattern: /\b(leverage|leveraged|borrow|borrowing|loop|looping|margin)\b/i,
    level: 'high',
    factor: (f) => `Borrowing adds liquidation risk: your health factor is ${formatHealthFactor(f.healthFactor)} now and every new loan lowers it.`,
  },
  {
    pattern: /\b(liquidity|lp|pool|range|concentrated|market[- ]making)\b/i,
    level: 'medium',
    factor: (f) => `Liquidity provision carries impermanent loss; ${f.liquidityPositionCount > 0 ? `${f.outOfRangeCount} of your ${f.liquidityPositionCount} positions are out of range now` : 'you have no liquidity positions yet'}.`,
  },
  {
    pattern: /\b(meme|memecoin|new token|presale|airdrop|degen|100x)\b/i,
    level: 'critical',
    factor: () => 'Young or thinly traded tokens can lose most of their value within hours and may not be sellable.',
  },
  {
    pattern: /\b(stake|staking|lock|locked|vest)\b/i,
    level: 'medium',
    factor: () => 'Staked or locked funds cannot be sold or used to repay debt until they unlock.',
  },
  {
    pattern: /\b(stablecoin|stable|usdc|usdt|lend|lending|supply)\b/i,
    level: 'low',
    factor: (f) => `Lending stablecoins has low price risk but smart-contract and depeg risk; ${describeStablecoins(f).toLowerCase()}`,
  },
];

const ORDER: ReadonlyArray<AnswerRiskLevel> = ['low', 'medium', 'high', 'critical'];
const worse = (a: AnswerRiskLevel, b: AnswerRiskLevel): AnswerRiskLevel => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/** The risk of a described strategy for this wallet: keyword rules for the strategy, the wallet's own risk as the floor. */
export const heuristicRiskAssessment = (f: PortfolioFigures, strategy: string, reason: FallbackReason): RiskAssessmentAnswer => {
  const matched = STRATEGY_RULES.filter((r) => r.pattern.test(strategy));
  const level = matched.reduce<AnswerRiskLevel>((acc, r) => worse(acc, r.level), f.riskLevel);
  const factors = [...matched.map((r) => r.factor(f)), ...f.factors.map((x) => x.explanation)];
  return {
    level,
    factors: factors.length > 0 ? factors.slice(0, 12) : ['No strategy-specific risk was recognised; the assessment rests on your current portfolio.'],
    summary: [
      ruleBasedNotice(reason),
      `The strategy is rated ${level}${matched.length === 0 ? ' from your portfolio alone, as no known strategy keyword was recognised' : ''}.`,
      describeRisk(f),
      describeLending(f),
    ].join(' '),
  };
};

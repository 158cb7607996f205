import { heuristicAnalysis } from './heuristic-analysis';
import { heuristicChatReply } from './heuristic-chat-reply';
import type { PortfolioFigures } from './portfolio-figures';

/** A hand-made borrower: $12 000 held, $4 000 borrowed at health factor 1.18, one of two LP positions out of range. */
const figures: PortfolioFigures = {
  walletAddress: '0x0000000000000000000000000000000000000001',
  totalValueUSD: 12_000,
  netWorthUSD: 8_000,
  totalSuppliedUSD: 6_000,
  totalBorrowedUSD: 4_000,
  totalLiquidityUSD: 1_500,
  healthFactor: 1.18,
  liquidationRisk: 'high',
  riskLevel: 'high',
  riskScore: 61.5,
  topAsset: 'WETH',
  topWeight: 0.625,
  stablecoinShare: 0.05,
  impermanentLossRisk: 0.1,
  pricedAssetCount: 4,
  unpricedTokens: 1,
  liquidityPositionCount: 2,
  outOfRangeCount: 1,
  outOfRangeValueUSD: 700,
  factors: [{ id: 'liquidation', points: 30.2, explanation: 'Your health factor 1.18 is close to 1.' }],
  performance: { range: '30d', startValueUSD: 10_000, endValueUSD: 8_000, marketPnlUSD: -2_000, timeWeightedReturn: -0.2, maxDrawdown: 0.25, volatility: 0.9 },
  stale: false,
};

describe('rule-based analysis', () => {
  it('states the real figures, says it is rule-based, and puts the most urgent fix first', () => {
    const answer = heuristicAnalysis(figures, 'basic', 'not_configured');
    expect(answer.analysis).toBe(
      [
        'Rule-based answer (no AI model is configured): computed from your wallet\'s real figures.',
        'Your portfolio is worth $12,000.00 (net worth $8,000.00) across 4 priced assets.',
        'Your largest holding is WETH at 62.5% of holdings.',
        'Stablecoins make up 5.0% of your holdings.',
        'You borrow $4,000.00 against $6,000.00 supplied; your health factor is 1.18 (liquidation risk: high).',
        '1 of your 2 liquidity positions ($700.00) is out of range and earns no fees.',
        'Over 30d: time-weighted return -20.0%, market P&L -$2,000.00, maximum drawdown 25.0%.',
        'Overall risk is high (score 61.5 of 100).',
        '1 token could not be priced and is left out of these totals.',
      ].join(' '),
    );
    expect(answer.recommendations).toEqual([
      'Repay part of your $4,000.00 debt or add collateral. Your health factor is 1.18, below 1.50 for a moderate profile; liquidation starts at 1.00.',
      'Re-centre 1 out-of-range liquidity position worth $700.00. A concentrated position outside its price range earns no fees and sits entirely in one token.',
      'Diversify out of WETH. WETH is 62.5% of your holdings, above 50.0% for a moderate profile.',
      'Hold part of the portfolio in stablecoins. Stablecoins are 5.0% of your holdings, below 15.0% for a moderate profile.',
      'Size positions for the swings you have seen. Your portfolio fell up to 25.0% from a peak over 30d.',
      'Check the 1 token nobody could price. Tokens without a price are left out of every total; they may be illiquid, or spam sent to your wallet.',
    ]);
    expect(answer.riskAssessment).toEqual({ level: 'high', factors: ['Your health factor 1.18 is close to 1.'] });
  });

  it('is deterministic: the same figures give the same words', () => {
    expect(heuristicAnalysis(figures, 'detailed', 'model_unavailable')).toEqual(heuristicAnalysis(figures, 'detailed', 'model_unavailable'));
  });

  it('answers a chat question from the topics it mentions', () => {
    expect(heuristicChatReply(figures, 'Am I close to liquidation?', 'model_unavailable')).toBe(
      'Rule-based answer (the AI model could not answer just now): computed from your wallet\'s real figures. You borrow $4,000.00 against $6,000.00 supplied; your health factor is 1.18 (liquidation risk: high). Overall risk is high (score 61.5 of 100). 1 token could not be priced and is left out of these totals.',
    );
  });
});

import { formatPercent } from '../risk/format-figures';
import { describeLending, describePerformance, describeRisk, formatHealthFactor } from './describe-figures';
import type { PortfolioFigures } from './portfolio-figures';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';

export type Complexity = 'beginner' | 'intermediate' | 'advanced';

interface GlossaryEntry {
  readonly pattern: RegExp;
  readonly text: Record<Complexity, string>;
  /** The wallet's own figure for this concept, when one applies. */
  readonly yours?: (f: PortfolioFigures) => string;
}

const GLOSSARY: ReadonlyArray<GlossaryEntry> = [
  {
    pattern: /health\s*factor|liquidat/i,
    text: {
      beginner: 'The health factor tells how safe a loan is: above 1 you are fine, at 1 or below part of your collateral can be sold to repay the loan.',
      intermediate: 'Health factor = Σ(collateral value × liquidation threshold) ÷ debt value. Below 1.0 a liquidator may repay part of your debt and take collateral plus a bonus.',
      advanced: 'HF = Σ(collateralᵢ · priceᵢ · LTᵢ) / Σ(debtⱼ · priceⱼ); liquidation is allowed at HF < 1, with a close factor capping the repaid share and a liquidation bonus paid from collateral.',
    },
    yours: (f) => describeLending(f),
  },
  {
    pattern: /impermanent|divergence\s*loss/i,
    text: {
      beginner: 'Impermanent loss is what a liquidity provider gives up compared with simply holding the two tokens, when their prices move apart.',
      intermediate: 'A pool rebalances as prices move, selling the rising token; for a full-range pool a 2× price change costs about 5.7% against holding.',
      advanced: 'For a constant-product pool, IL(r) = 2√r/(1+r) − 1 with r the price ratio change; concentrated ranges amplify both fees and IL by the range leverage.',
    },
    yours: (f) => (f.liquidityPositionCount > 0 ? `${f.outOfRangeCount} of your ${f.liquidityPositionCount} liquidity positions are out of range.` : 'You have no liquidity positions.'),
  },
  {
    pattern: /concentrated\s*liquidity|price\s*range|in\s*range|out\s*of\s*range/i,
    text: {
      beginner: 'Concentrated liquidity lets you provide liquidity only between two prices; you earn fees only while the price is inside that range.',
      intermediate: 'Uniswap-v3-style positions hold liquidity between two ticks; outside the range the position is entirely one token and earns nothing.',
      advanced: 'Liquidity L between √Pa and √Pb: amount0 = L(1/√P − 1/√Pb), amount1 = L(√P − √Pa) in range; narrower ranges give more liquidity per dollar and more IL.',
    },
  },
  {
    pattern: /\bapy\b|\bapr\b|yield|interest/i,
    text: {
      beginner: 'APY is the yearly return including compounding; APR is the simple yearly rate.',
      intermediate: 'APY = (1 + APR/n)^n − 1 for n compounding periods a year; lending rates change with how much of a market is borrowed.',
      advanced: 'Aave-style markets accrue per second: supply APY follows utilisation × borrow rate × (1 − reserve factor), compounded continuously.',
    },
  },
  {
    pattern: /drawdown/i,
    text: {
      beginner: 'Drawdown is how far your portfolio fell from its highest point before recovering.',
      intermediate: 'Maximum drawdown is the largest peak-to-trough fall over a period, as a fraction of the peak.',
      advanced: 'MDD = max over t of (max_{s≤t} Vₛ − Vₜ)/max_{s≤t} Vₛ, computed on flow-adjusted values so deposits do not hide losses.',
    },
    yours: (f) => describePerformance(f),
  },
  {
    pattern: /stablecoin|\bstable\b|peg/i,
    text: {
      beginner: 'A stablecoin is a token meant to stay worth one dollar (or another fixed value).',
      intermediate: 'Stablecoins keep their peg with reserves, collateral or algorithms; they can depeg when that backing is doubted.',
      advanced: 'Fiat-backed, crypto-overcollateralised and algorithmic designs differ in redemption paths; depeg risk shows in DEX prices and redemption queues.',
    },
    yours: (f) => `Stablecoins are ${formatPercent(f.stablecoinShare)} of your holdings.`,
  },
  {
    pattern: /concentration|diversif|hhi|herfindahl/i,
    text: {
      beginner: 'Concentration means having most of your money in one asset; if it falls, your whole portfolio falls.',
      intermediate: 'The Herfindahl-Hirschman index sums the squared weights of your assets: 1 means a single asset, 1/n means n equal assets.',
      advanced: 'HHI = Σ wᵢ²; its inverse is the effective number of assets. Volatile-only HHI ignores stablecoins when judging concentration risk.',
    },
    yours: (f) => (f.topAsset === null ? 'You hold no priced assets.' : `Your largest holding is ${f.topAsset} at ${formatPercent(f.topWeight)}.`),
  },
  {
    pattern: /\brisk\b|risk\s*score/i,
    text: {
      beginner: 'The risk score sums five checks (liquidation, leverage, concentration, volatile exposure, impermanent loss) into a number from 0 to 100.',
      intermediate: 'Each factor has a weight (the weights add to 100) and a value from 0 to 1; the score is Σ weight × value, and critical liquidation risk makes the level critical.',
      advanced: 'Score = Σ wᵢ·vᵢ with factor values normalised to [0, 1]; the level is the worse of the score band and the liquidation band.',
    },
    yours: (f) => `${describeRisk(f)} Your health factor is ${formatHealthFactor(f.healthFactor)}.`,
  },
];

/** A glossary explanation at the asked level, with the wallet's own figure when figures are known and one applies. */
export const heuristicExplain = (concept: string, complexity: Complexity, f: PortfolioFigures | null, reason: FallbackReason): string => {
  const entry = GLOSSARY.find((g) => g.pattern.test(concept));
  const notice = ruleBasedNotice(reason).replace(": computed from your wallet's real figures.", ':');
  if (entry === undefined) {
    return `${notice} there is no built-in explanation of this concept. Built-in topics: health factor, liquidation, impermanent loss, concentrated liquidity, APY, drawdown, stablecoins, concentration, risk score.`;
  }
  const yours = f !== null && entry.yours !== undefined ? ` For your wallet: ${entry.yours(f)}` : '';
  return `${notice} ${entry.text[complexity]}${yours}`;
};

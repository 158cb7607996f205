import type { Portfolio, Risk } from '../portfolio/portfolio';
import { totalsOf } from '../portfolio/portfolio-totals';
import { MAX_NAME_LENGTH, MAX_SYMBOL_LENGTH, sanitizeChainString } from '../tokens/sanitize-chain-string';
import { sanitizePromptData } from './sanitize-prompt-data';

/** Most token balances shown to a model (largest by value first); the rest are counted, not listed. */
export const MAX_TOKENS_IN_PROMPT = 40;

const symbolOf = (s: string) => sanitizeChainString(s, MAX_SYMBOL_LENGTH);
const byValueDesc = (a: { valueUSD: number | null }, b: { valueUSD: number | null }) => (b.valueUSD ?? -1) - (a.valueUSD ?? -1);

/**
 * The portfolio as a model sees it: the figures that matter, token names and symbols sanitized and bounded, zero
 * balances left out, no block number or timestamps (so an unchanged portfolio gives the same view, and the same
 * cache key, at every read). Only ever quoted inside a data section.
 */
export const portfolioPromptView = (p: Portfolio): unknown => {
  const held = p.tokenBalances.filter((b) => b.balance !== '0').sort(byValueDesc);
  return sanitizePromptData({
    walletAddress: p.walletAddress,
    chainId: p.chainId,
    ...totalsOf(p),
    tokenBalances: held.slice(0, MAX_TOKENS_IN_PROMPT).map((b) => ({
      symbol: symbolOf(b.symbol),
      name: sanitizeChainString(b.name, MAX_NAME_LENGTH),
      token: b.token,
      balance: b.balanceFormatted,
      priceUSD: b.priceUSD,
      valueUSD: b.valueUSD,
      change24hPercent: b.change24h,
      priceStale: b.priceStale,
    })),
    tokensNotListed: Math.max(0, held.length - MAX_TOKENS_IN_PROMPT),
    lendingPositions: p.lendingPositions.map((x) => ({
      platform: x.platform,
      type: x.type,
      tokenSymbol: symbolOf(x.tokenSymbol),
      amount: x.amountFormatted,
      valueUSD: x.valueUSD,
      apyPercent: x.apy,
      usageAsCollateral: x.usageAsCollateral,
      liquidationThreshold: x.liquidationThreshold,
    })),
    liquidityPositions: p.liquidityPositions.map((x) => ({
      platform: x.platform,
      kind: x.kind,
      pair: `${symbolOf(x.token0Symbol)}/${symbolOf(x.token1Symbol)}`,
      feeTier: x.fee,
      valueUSD: x.valueUSD,
      uncollectedFeesUSD: x.uncollectedFees.valueUSD,
      priceRange: x.priceRange,
      isInRange: x.isInRange,
    })),
    unpricedTokens: p.unpricedTokens,
    warnings: p.warnings.map((w) => w.message),
    stale: p.stale ?? false,
  });
};

/** The risk assessment as a model (or a client) sees it: the same figures, every string sanitized. */
export const riskPromptView = (risk: Risk): unknown => sanitizePromptData(risk);

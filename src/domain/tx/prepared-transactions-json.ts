import { formatUnits } from 'viem';
import { healthFactorFromWad } from '../lending/health-factor-from-wad';
import type { HealthFactorWad, LiquidityQuote, SwapQuote } from './action-plan';
import type { PreparedTransactions } from './prepared-transactions';

const healthFactorJson = (hf: HealthFactorWad): number | null => (hf === null ? null : healthFactorFromWad(hf));

const quoteJson = (quote: SwapQuote | LiquidityQuote) =>
  'route' in quote
    ? {
        amountOut: quote.amountOut.toString(),
        amountOutMin: quote.amountOutMin.toString(),
        route: quote.route.map((hop) => ({ pool: hop.pool, ...(hop.fee === undefined ? {} : { fee: hop.fee }), version: hop.version })),
        priceImpactBps: quote.priceImpactBps,
      }
    : {
        amount0: quote.amount0.toString(),
        amount1: quote.amount1.toString(),
        amount0Min: quote.amount0Min.toString(),
        amount1Min: quote.amount1Min.toString(),
        liquidity: quote.liquidity.toString(),
      };

/** API.md's JSON of a prepared action: bigints as decimal strings, health factors as numbers (null without debt) like the portfolio's. */
export const preparedTransactionsJson = (p: PreparedTransactions) => ({
  action: p.action,
  wallet: p.wallet,
  chainId: p.chainId,
  blockNumber: p.blockNumber.toString(),
  transactions: p.transactions.map((tx) => ({
    to: tx.to,
    data: tx.data,
    value: tx.value.toString(),
    chainId: tx.chainId,
    gas: tx.gas.toString(),
    description: tx.description,
    kind: tx.kind,
  })),
  simulation: {
    ok: p.simulation.ok,
    ...(p.simulation.error === undefined ? {} : { error: { code: p.simulation.error.code, message: p.simulation.error.message } }),
    healthFactorBefore: healthFactorJson(p.simulation.healthFactorBefore),
    healthFactorAfter: healthFactorJson(p.simulation.healthFactorAfter),
    balanceChanges: p.simulation.balanceChanges.map((c) => ({
      token: c.token,
      symbol: c.symbol,
      delta: c.delta.toString(),
      deltaFormatted: formatUnits(c.delta, c.decimals),
    })),
  },
  ...(p.quote === undefined ? {} : { quote: quoteJson(p.quote) }),
  expiresAt: p.expiresAt.toISOString(),
});

export type PreparedTransactionsJson = ReturnType<typeof preparedTransactionsJson>;

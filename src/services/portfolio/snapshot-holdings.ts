import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { SnapshotHolding } from './ports';

/**
 * What a snapshot keeps per asset for performance attribution: every part of `totalValueUSD` (debt is not in it),
 * as quantity × price, so that a price move is market PnL and only a quantity change is a flow.
 *  - token balances and supplied lending assets under the token's key: moving a token between the wallet and a
 *    lending market changes neither the quantity nor the value, so it is not a flow;
 *  - each liquidity position as an asset of its own: quantity = its liquidity, price = value per unit of liquidity,
 *    so adding or removing liquidity is a flow while a move of the pool or of its tokens' prices is market PnL.
 */
export const holdingsOf = (portfolio: Portfolio): ReadonlyArray<SnapshotHolding> => {
  const tokenPrice = new Map(portfolio.tokenBalances.map((b) => [b.token, b.priceUSD]));
  const tokens = portfolio.tokenBalances.map((b) => ({
    key: b.token,
    symbol: b.symbol,
    quantity: Number(b.balanceFormatted),
    priceUSD: b.priceUSD,
  }));
  const supplied = portfolio.lendingPositions.flatMap((p): SnapshotHolding[] => {
    const quantity = Number(p.amountFormatted);
    if (p.type !== 'supply' || !(quantity > 0) || !Number.isFinite(quantity)) return [];
    // The balance's unrounded price when the wallet's token list has it; valueUSD is rounded to 1e-4.
    const priceUSD = p.valueUSD === null ? null : (tokenPrice.get(p.token) ?? p.valueUSD / quantity);
    return [{ key: p.token, symbol: p.tokenSymbol, quantity, priceUSD }];
  });
  const liquidity = portfolio.liquidityPositions.flatMap((p): SnapshotHolding[] => {
    const quantity = Number(p.liquidity);
    if (!(quantity > 0) || !Number.isFinite(quantity)) return [];
    return [
      {
        key: `lp:${p.platform}:${p.id}`,
        symbol: `${p.token0Symbol}/${p.token1Symbol} LP`,
        quantity,
        priceUSD: p.valueUSD === null ? null : p.valueUSD / quantity,
      },
    ];
  });
  return [...tokens, ...supplied, ...liquidity];
};

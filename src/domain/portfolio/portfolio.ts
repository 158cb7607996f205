import * as t from 'io-ts';
import { TokenAddressCodec, TokenKeyCodec } from '../address/token-address';
import { TokenAmountCodec } from '../address/token-amount';
import { WalletAddressCodec } from '../address/wallet-address';
import { ChainIdCodec } from '../address/chain-id';

const NullableNumber = t.union([t.number, t.null]);
const PriceSource = t.union([t.literal('coingecko'), t.literal('dex'), t.null]);

export const TokenBalanceCodec = t.type({
  /** "native" or the token's address (the pricing key). */
  token: TokenKeyCodec,
  symbol: t.string,
  name: t.string,
  decimals: t.number,
  balance: TokenAmountCodec,
  balanceFormatted: t.string,
  priceUSD: NullableNumber,
  valueUSD: NullableNumber,
  change24h: NullableNumber,
  priceSource: PriceSource,
  priceStale: t.boolean,
});
export type TokenBalance = t.TypeOf<typeof TokenBalanceCodec>;

export const LendingPositionCodec = t.type({
  id: t.string,
  platform: t.string,
  type: t.union([t.literal('supply'), t.literal('borrow')]),
  token: TokenAddressCodec,
  tokenSymbol: t.string,
  amount: TokenAmountCodec,
  amountFormatted: t.string,
  valueUSD: NullableNumber,
  apy: t.number,
  usageAsCollateral: t.boolean,
  liquidationThreshold: t.number,
});
export type LendingPosition = t.TypeOf<typeof LendingPositionCodec>;

export const LiquidityPositionCodec = t.type({
  id: t.string,
  platform: t.string,
  kind: t.union([t.literal('concentrated'), t.literal('full-range')]),
  poolAddress: t.string,
  token0: TokenAddressCodec,
  token1: TokenAddressCodec,
  token0Symbol: t.string,
  token1Symbol: t.string,
  fee: t.number,
  liquidity: t.string,
  token0Amount: TokenAmountCodec,
  token1Amount: TokenAmountCodec,
  valueUSD: NullableNumber,
  uncollectedFees: t.type({ token0: TokenAmountCodec, token1: TokenAmountCodec, valueUSD: NullableNumber }),
  priceRange: t.type({ lower: NullableNumber, upper: NullableNumber, current: NullableNumber }),
  isInRange: t.boolean,
});
export type LiquidityPosition = t.TypeOf<typeof LiquidityPositionCodec>;

export const RiskFactorCodec = t.type({ id: t.string, weight: t.number, value: t.number, explanation: t.string });

export const RiskCodec = t.type({
  level: t.union([t.literal('low'), t.literal('medium'), t.literal('high'), t.literal('critical')]),
  score: t.number,
  healthFactor: NullableNumber,
  liquidationRisk: t.string,
  concentration: t.type({ hhi: t.number, topAsset: t.union([t.string, t.null]), topWeight: t.number }),
  stablecoinShare: t.number,
  impermanentLossRisk: t.number,
  factors: t.array(RiskFactorCodec),
  /** The USD price of the largest collateral at which the health factor reaches 1, others held constant. */
  liquidationPrice: t.union([t.null, t.type({ asset: t.string, symbol: t.string, priceUSD: t.number })]),
});
export type Risk = t.TypeOf<typeof RiskCodec>;

export const WarningCodec = t.type({ source: t.string, message: t.string });

/** A portfolio's USD totals (sums of unrounded values: net worth = gross − borrowed) and its lending health factor. */
export const PortfolioTotalsCodec = t.type({
  totalValueUSD: t.number,
  netWorthUSD: t.number,
  totalSuppliedUSD: t.number,
  totalBorrowedUSD: t.number,
  totalLiquidityUSD: t.number,
  healthFactor: NullableNumber,
});

/** The portfolio as the API returns it (and as it is cached and snapshotted). */
export const PortfolioCodec = t.intersection([
  t.type({ walletAddress: WalletAddressCodec, chainId: ChainIdCodec, blockNumber: t.number }),
  PortfolioTotalsCodec,
  t.type({
    tokenBalances: t.array(TokenBalanceCodec),
    lendingPositions: t.array(LendingPositionCodec),
    liquidityPositions: t.array(LiquidityPositionCodec),
    risk: RiskCodec,
    unpricedTokens: t.number,
    warnings: t.array(WarningCodec),
    lastUpdated: t.string,
  }),
  t.partial({ cachedAt: t.string, stale: t.boolean }),
]);
export type Portfolio = t.TypeOf<typeof PortfolioCodec>;

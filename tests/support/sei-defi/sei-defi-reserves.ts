import type { AaveTestReserveSpec } from '../protocols/aave-v3-test-market';
import { STABLECOIN_RATE_STRATEGY, VOLATILE_RATE_STRATEGY } from '../protocols/aave-v3-rate-strategies';

/** A token of the Sei DeFi devnet, listed as a Yei reserve: its risk parameters, and the USD price the oracle quotes. */
export interface SeiDefiReserveSpec extends AaveTestReserveSpec {
  /** The USD price (the oracle's `price` is this × 1e8; tests give the fake CoinGecko the same). */
  readonly usd: number;
  readonly isStable: boolean;
  readonly coingeckoId: string | null;
}

const reserve = (spec: Omit<SeiDefiReserveSpec, 'price' | 'coingeckoId'>): SeiDefiReserveSpec => ({
  ...spec,
  price: BigInt(Math.round(spec.usd * 1e8)),
  coingeckoId: null,
});

/**
 * The default reserves, with Aave v3's own parameters for comparable assets (aave-v3-deploy's markets/aave): stablecoins
 * on the stable rate strategy (kink at 90%), the rest on the volatile one (kink at 45%). WSEI is the wrapped native token.
 */
export const SEI_DEFI_RESERVES: ReadonlyArray<SeiDefiReserveSpec> = [
  reserve({ symbol: 'WSEI', name: 'Wrapped SEI', decimals: 18, usd: 0.5, isStable: false, ltvBps: 7_500, liquidationThresholdBps: 8_000, liquidationBonusBps: 10_500, reserveFactorBps: 2_000, rateStrategy: VOLATILE_RATE_STRATEGY }),
  reserve({ symbol: 'USDC', name: 'USD Coin', decimals: 6, usd: 1, isStable: true, ltvBps: 8_000, liquidationThresholdBps: 8_500, liquidationBonusBps: 10_500, reserveFactorBps: 1_000, rateStrategy: STABLECOIN_RATE_STRATEGY, isStableBorrowEnabled: true }),
  reserve({ symbol: 'WETH', name: 'Wrapped Ether', decimals: 18, usd: 3_000, isStable: false, ltvBps: 8_000, liquidationThresholdBps: 8_250, liquidationBonusBps: 10_500, reserveFactorBps: 1_500, rateStrategy: VOLATILE_RATE_STRATEGY }),
  reserve({ symbol: 'WBTC', name: 'Wrapped Bitcoin', decimals: 8, usd: 55_000, isStable: false, ltvBps: 7_300, liquidationThresholdBps: 7_800, liquidationBonusBps: 10_500, reserveFactorBps: 2_000, rateStrategy: VOLATILE_RATE_STRATEGY }),
  reserve({ symbol: 'USDT0', name: 'USDT0', decimals: 6, usd: 1, isStable: true, ltvBps: 7_500, liquidationThresholdBps: 7_800, liquidationBonusBps: 10_500, reserveFactorBps: 1_000, rateStrategy: STABLECOIN_RATE_STRATEGY }),
];

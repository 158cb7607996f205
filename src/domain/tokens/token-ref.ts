import type { TokenAddress } from '../address/token-address';

/** What the pricing side needs to know of a token. `key` is "native", the checksummed address, or (for a coin asked by id) its CoinGecko id. */
export interface TokenRef {
  readonly key: string;
  readonly address: TokenAddress | null;
  readonly symbol: string;
  readonly decimals: number;
  readonly coingeckoId: string | null;
}

export const NATIVE_KEY = 'native';

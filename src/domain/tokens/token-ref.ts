/** What the pricing side needs to know of a token. `key` is "native" or the checksummed address. */
export interface TokenRef {
  readonly key: string;
  readonly address: `0x${string}` | null;
  readonly symbol: string;
  readonly decimals: number;
  readonly coingeckoId: string | null;
}

export const NATIVE_KEY = 'native';

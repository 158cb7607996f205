import { registryTokenRef, type Registry } from '../../config/registry';
import { NATIVE_KEY, type TokenRef } from '../../domain/tokens/token-ref';

/** What the price ticker publishes: the native coin (`native`) and every registry token (checksummed address keys). */
export const priceTokensOf = (registry: Registry): ReadonlyArray<TokenRef> => [
  { key: NATIVE_KEY, address: null, symbol: 'SEI', decimals: 18, coingeckoId: registry.nativeCoingeckoId },
  ...registry.tokens.map(registryTokenRef),
];

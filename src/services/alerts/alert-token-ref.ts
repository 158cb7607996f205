import { findRegistryToken, registryTokenRef, type Registry } from '../../config/registry';
import { NATIVE_KEY, type TokenRef } from '../../domain/tokens/token-ref';

/** The token a price alert may watch: "native" (SEI) or a registry token by address in any letter case; undefined otherwise. */
export const alertTokenRefOf = (registry: Registry, input: string): TokenRef | undefined => {
  const trimmed = input.trim();
  if (trimmed.toLowerCase() === NATIVE_KEY) return { key: NATIVE_KEY, address: null, symbol: 'SEI', decimals: 18, coingeckoId: registry.nativeCoingeckoId };
  const known = findRegistryToken(registry, trimmed);
  return known === undefined ? undefined : registryTokenRef(known);
};

import { erc20Abi, type Address } from 'viem';
import { LRUCache } from 'lru-cache';
import type { RegistryToken } from '../../../config/sei-networks';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { TokenRef } from '../../../domain/tokens/token-ref';
import { TokenAddressCodec, type TokenAddress } from '../../../domain/address/token-address';
import { decodeOptionalRead, optionalDecimals, optionalString } from '../../chain/decode-read-result';
import type { ContractRead, ReadResult } from '../../chain/read-plan';

/** The registry's entry for a token address (any letter case), if it has one. */
export type KnownTokenLookup = (address: Address) => RegistryToken | undefined;

/** What a liquidity position needs to know of one of its tokens. */
export interface TokenInfo {
  readonly address: TokenAddress;
  readonly ref: TokenRef;
  readonly isStable: boolean;
}

/** The reads that fetch missing token metadata, and what to do with their answers (in the same order). */
export interface MetadataReads {
  readonly reads: ReadonlyArray<ContractRead>;
  readonly record: (results: ReadonlyArray<ReadResult>) => void;
}

/**
 * Token facts for liquidity positions: the registry first, then metadata read on chain once (decimals and symbol
 * never change) and remembered. A token that does not answer decimals() stays unknown.
 */
export interface TokenInfoBook {
  readonly find: (address: Address) => TokenInfo | undefined;
  /** decimals() and symbol() of the tokens that are neither in the registry nor remembered. */
  readonly metadataReads: (addresses: ReadonlyArray<Address>) => MetadataReads;
}


const optionalTokenAddress = (address: string): TokenAddress | undefined => decodeOptionalRead(TokenAddressCodec)({ ok: true, value: address });

/** Builds a token book over the registry lookup, remembering up to `maxEntries` (default 10,000) tokens read on chain. */
export const makeTokenInfoBook = (knownToken: KnownTokenLookup, maxEntries = 10_000): TokenInfoBook => {
  const discovered = new LRUCache<string, TokenInfo>({ max: maxEntries });

  const find = (address: Address): TokenInfo | undefined => {
    const known = knownToken(address);
    const registered = known === undefined ? undefined : optionalTokenAddress(known.address);
    if (known !== undefined && registered !== undefined) {
      return {
        address: registered,
        ref: { key: registered, address: registered, symbol: known.symbol, decimals: known.decimals, coingeckoId: known.coingeckoId },
        isStable: known.isStable,
      };
    }
    return discovered.get(address.toLowerCase());
  };

  const metadataReads = (addresses: ReadonlyArray<Address>): MetadataReads => {
    const missing = [...new Map(addresses.flatMap((a) => optionalTokenAddress(a) ?? []).map((a) => [a.toLowerCase(), a])).values()].filter((a) => find(a) === undefined);
    return {
      reads: missing.flatMap((address) => [
        { address, abi: erc20Abi, functionName: 'decimals' },
        { address, abi: erc20Abi, functionName: 'symbol' },
      ]),
      record: (results) =>
        missing.forEach((address, i) => {
          const decimals = optionalDecimals(results[2 * i]);
          if (decimals === undefined) return;
          const cleanSymbol = sanitizeChainString(optionalString(results[2 * i + 1]) ?? '', MAX_SYMBOL_LENGTH);
          discovered.set(address.toLowerCase(), {
            address,
            ref: { key: address, address, symbol: cleanSymbol === '' ? '???' : cleanSymbol, decimals, coingeckoId: null },
            isStable: false,
          });
        }),
    };
  };

  return { find, metadataReads };
};

import * as E from 'fp-ts/Either';
import { erc20Abi, multicall3Abi, type Address } from 'viem';
import { MAX_NAME_LENGTH, MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { ReadWarning, TokenHolding } from '../../../domain/tokens/token-holding';
import { NATIVE_KEY } from '../../../domain/tokens/token-ref';
import type { TokenMetadata, TokenToRead } from '../../../services/portfolio/ports';
import { decodeOptionalRead, decodeReadResult, optionalDecimals, optionalString } from '../../chain/decode-read-result';
import { readThen, done, type ContractRead, type ReadPlan } from '../../chain/read-plan';
import { AbiUint } from '../../chain/read-value-codecs';

export interface TokenBalancesResult {
  readonly holdings: ReadonlyArray<TokenHolding>;
  readonly warnings: ReadonlyArray<ReadWarning>;
  /** Metadata newly read from the chain, for the caller to cache for good. */
  readonly discoveredMetadata: ReadonlyArray<{ readonly address: Address; readonly metadata: TokenMetadata }>;
}

export interface TokenBalancesInput {
  readonly wallet: Address;
  readonly multicallAddress: Address;
  readonly nativeCoingeckoId: string;
  readonly tokens: ReadonlyArray<TokenToRead>;
}

const asBalance = decodeOptionalRead(AbiUint);
const decodeNativeBalance = decodeReadResult(AbiUint, 'native SEI balance');

/**
 * Native SEI (Multicall3.getEthBalance) and every ERC-20 balanceOf in one round; decimals/symbol/name of
 * caller-added tokens without cached metadata ride along in the same round. One broken token is a warning, not a failure.
 */
export const tokenBalancesPlan = (input: TokenBalancesInput): ReadPlan<TokenBalancesResult> => {
  const reads: ContractRead[] = [{ address: input.multicallAddress, abi: multicall3Abi, functionName: 'getEthBalance', args: [input.wallet] }];
  const layout = input.tokens.map((token) => {
    const address = 'known' in token ? token.known.address : token.unknown;
    const start = reads.length;
    reads.push({ address, abi: erc20Abi, functionName: 'balanceOf', args: [input.wallet] });
    if ('unknown' in token && token.cachedMetadata === undefined) {
      for (const fn of ['decimals', 'symbol', 'name'] as const) reads.push({ address, abi: erc20Abi, functionName: fn });
    }
    return { token, address, start };
  });

  return {
    source: 'tokens',
    start: readThen(reads, (results) => {
      const native = decodeNativeBalance(results[0]);
      if (E.isLeft(native)) return { failed: native.left };
      const holdings: TokenHolding[] = [
        { key: NATIVE_KEY, address: null, symbol: 'SEI', name: 'Sei', decimals: 18, coingeckoId: input.nativeCoingeckoId, balance: native.right, isStable: false },
      ];
      const warnings: ReadWarning[] = [];
      const discoveredMetadata: Array<{ address: Address; metadata: TokenMetadata }> = [];
      for (const { token, address, start } of layout) {
        const balance = asBalance(results[start]);
        const metadata: TokenMetadata | undefined =
          'known' in token
            ? token.known
            : (token.cachedMetadata ??
              (() => {
                const decimals = optionalDecimals(results[start + 1]);
                const symbol = optionalString(results[start + 2]);
                if (decimals === undefined) return undefined;
                const meta = {
                  decimals,
                  symbol: sanitizeChainString(symbol ?? '???', MAX_SYMBOL_LENGTH),
                  name: sanitizeChainString(optionalString(results[start + 3]) ?? symbol ?? 'Unknown token', MAX_NAME_LENGTH),
                };
                discoveredMetadata.push({ address, metadata: meta });
                return meta;
              })());
        const label = 'known' in token ? token.known.symbol : address;
        if (balance === undefined) {
          warnings.push({ source: `erc20:${label}`, message: `balanceOf failed for ${label} (${address})` });
          continue;
        }
        if (metadata === undefined) {
          warnings.push({ source: `erc20:${label}`, message: `${address} does not answer decimals(): not an ERC-20 token` });
          continue;
        }
        if (balance === 0n) continue;
        holdings.push({
          key: address,
          address,
          symbol: metadata.symbol,
          name: metadata.name,
          decimals: metadata.decimals,
          coingeckoId: 'known' in token ? token.known.coingeckoId : null,
          balance,
          isStable: 'known' in token ? token.known.isStable : false,
        });
      }
      return done({ holdings, warnings, discoveredMetadata });
    }),
  };
};

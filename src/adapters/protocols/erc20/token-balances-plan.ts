import { erc20Abi, multicall3Abi, type Address } from 'viem';
import { MAX_NAME_LENGTH, MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { ReadWarning, TokenHolding } from '../../../domain/tokens/token-holding';
import { NATIVE_KEY } from '../../../domain/tokens/token-ref';
import type { TokenMetadata, TokenToRead } from '../../../services/portfolio/ports';
import { readThen, done, type ContractRead, type ReadPlan, type ReadResult } from '../../chain/read-plan';

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

const asString = (r: ReadResult | undefined): string | undefined => (r?.ok === true && typeof r.value === 'string' ? r.value : undefined);

/**
 * Native SEI (Multicall3.getEthBalance) and every ERC-20 balanceOf in one round; decimals/symbol/name of
 * caller-added tokens without cached metadata ride along in the same round. One broken token is a warning, not a failure.
 */
export const tokenBalancesPlan = (input: TokenBalancesInput): ReadPlan<TokenBalancesResult> => {
  const reads: ContractRead[] = [{ address: input.multicallAddress, abi: multicall3Abi, functionName: 'getEthBalance', args: [input.wallet] }];
  const layout = input.tokens.map((token) => {
    const address = 'known' in token ? (token.known.address as Address) : token.unknown;
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
      const native = results[0];
      if (native === undefined || !native.ok || typeof native.value !== 'bigint') throw new Error('native SEI balance could not be read');
      const holdings: TokenHolding[] = [
        { key: NATIVE_KEY, address: null, symbol: 'SEI', name: 'Sei', decimals: 18, coingeckoId: input.nativeCoingeckoId, balance: native.value, isStable: false },
      ];
      const warnings: ReadWarning[] = [];
      const discoveredMetadata: Array<{ address: Address; metadata: TokenMetadata }> = [];
      for (const { token, address, start } of layout) {
        const balance = results[start];
        const metadata: TokenMetadata | undefined =
          'known' in token
            ? token.known
            : (token.cachedMetadata ??
              (() => {
                const decimals = results[start + 1];
                const symbol = asString(results[start + 2]);
                if (decimals?.ok !== true || typeof decimals.value !== 'number' || decimals.value > 36) return undefined;
                const meta = {
                  decimals: decimals.value,
                  symbol: sanitizeChainString(symbol ?? '???', MAX_SYMBOL_LENGTH),
                  name: sanitizeChainString(asString(results[start + 3]) ?? symbol ?? 'Unknown token', MAX_NAME_LENGTH),
                };
                discoveredMetadata.push({ address, metadata: meta });
                return meta;
              })());
        const label = 'known' in token ? token.known.symbol : address;
        if (balance === undefined || !balance.ok || typeof balance.value !== 'bigint') {
          warnings.push({ source: `erc20:${label}`, message: `balanceOf failed for ${label} (${address})` });
          continue;
        }
        if (metadata === undefined) {
          warnings.push({ source: `erc20:${label}`, message: `${address} does not answer decimals(): not an ERC-20 token` });
          continue;
        }
        if (balance.value === 0n) continue;
        holdings.push({
          key: address,
          address,
          symbol: metadata.symbol,
          name: metadata.name,
          decimals: metadata.decimals,
          coingeckoId: 'known' in token ? token.known.coingeckoId : null,
          balance: balance.value,
          isStable: 'known' in token ? token.known.isStable : false,
        });
      }
      return done({ holdings, warnings, discoveredMetadata });
    }),
  };
};

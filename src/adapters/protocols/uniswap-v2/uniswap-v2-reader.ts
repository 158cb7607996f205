import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { getAddress, zeroAddress, type Address } from 'viem';
import type { RegistryToken } from '../../../config/sei-networks';
import type { ReadWarning } from '../../../domain/tokens/token-holding';
import { decodeReadResult } from '../../chain/decode-read-result';
import { done, readThen, stepOf, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import { AbiUint, abiMembers } from '../../chain/read-value-codecs';
import type { PositionsRead, ProtocolReader, UnpricedLiquidityPosition } from '../protocol-reader';
import { makeTokenInfoBook, type KnownTokenLookup } from '../uniswap-v3/token-info-book';
import { buildFullRangePosition } from './build-full-range-position';
import { uniswapV2FactoryAbi, uniswapV2PairAbi } from './uniswap-v2-abis';
import { EvmAddressCodec } from '../../../domain/address/evm-address';

export interface UniswapV2ReaderOptions {
  readonly addresses: { readonly factory: string; readonly pairs?: ReadonlyArray<string> };
  /** Every pair of these tokens is looked up with factory.getPair (once: pair addresses never change). */
  readonly registryTokens: ReadonlyArray<RegistryToken>;
  readonly knownToken: KnownTokenLookup;
  /** Default "dragonswap-v1". */
  readonly source?: string;
  /** Default "DragonSwap V1". */
  readonly platform?: string;
  /** Swap fee in hundredths of a bip, as v3 fee tiers (default 3000 = 0.3%, Uniswap v2's). */
  readonly fee?: number;
  /** How long "no such pair" is believed before getPair is asked again (default 1 hour): pairs can be created any time. */
  readonly missingPairTtlMs?: number;
  readonly now?: () => number;
}

interface PairTokens {
  readonly token0: Address;
  readonly token1: Address;
}

interface PairHolding extends PairTokens {
  readonly pair: Address;
  readonly balance: bigint;
  readonly totalSupply: bigint;
  readonly reserve0: bigint;
  readonly reserve1: bigint;
}

type PairLookup = { readonly pair: Address } | { readonly none: true; readonly checkedAt: number };

const lower = (a: string) => a.toLowerCase();

const ReservesCodec = abiMembers(2, { reserve0: [0, AbiUint], reserve1: [1, AbiUint] });

/**
 * Reads a wallet's Uniswap v2 (DragonSwap V1) LP holdings in one round once the pairs are known, two before:
 *  1. factory.getPair for every registry token pair not looked up yet; balanceOf(owner), totalSupply, getReserves
 *     (and token0/token1 the first time) of every known pair, configured pairs included;
 *  2. the same for pairs found in round 1, and decimals/symbol of non-registry tokens of held pairs.
 * A failing getPair (no factory there) fails the plan, which the engine reports as this source's warning; a failing pair
 * is a warning of its own.
 */
export const makeUniswapV2Reader = (options: UniswapV2ReaderOptions): ProtocolReader => {
  const source = options.source ?? 'dragonswap-v1';
  const platform = options.platform ?? 'DragonSwap V1';
  const fee = options.fee ?? 3000;
  const ttl = options.missingPairTtlMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const factory = getAddress(options.addresses.factory);
  const configured = (options.addresses.pairs ?? []).map((p) => getAddress(p));
  const tokens = makeTokenInfoBook(options.knownToken);
  const lookups = new Map<string, PairLookup>();
  const pairTokens = new Map<string, PairTokens>();

  const registry = [...new Map(options.registryTokens.map((t) => [lower(t.address), getAddress(t.address)])).values()];
  const candidates = registry.flatMap((a, i) => registry.slice(i + 1).map((b) => ({ id: [lower(a), lower(b)].sort().join(':'), a, b })));

  const pairReads = (pair: Address, owner: Address): ReadonlyArray<ContractRead> => {
    const read = (functionName: string, args: ReadonlyArray<unknown> = []): ContractRead => ({ address: pair, abi: uniswapV2PairAbi, functionName, args });
    const base = [read('balanceOf', [owner]), read('totalSupply'), read('getReserves')];
    return pairTokens.has(lower(pair)) ? base : [...base, read('token0'), read('token1')];
  };

  /** Parses one pair's answers (as laid out by pairReads); a failure is a warning, not the adapter's failure. */
  const parsePair = (pair: Address, results: ReadonlyArray<ReadResult>, warnings: ReadWarning[]): PairHolding | undefined => {
    const what = `pair ${pair}`;
    const known = pairTokens.get(lower(pair));
    const parsed = pipe(
      E.Do,
      E.apS('balance', decodeReadResult(AbiUint, `${what} balanceOf`)(results[0])),
      E.apS('totalSupply', decodeReadResult(AbiUint, `${what} totalSupply`)(results[1])),
      E.apS('reserves', decodeReadResult(ReservesCodec, `${what} getReserves`)(results[2])),
      E.apS(
        'tokens',
        known !== undefined
          ? E.right(known)
          : pipe(
              E.Do,
              E.apS('token0', decodeReadResult(EvmAddressCodec, `${what} token0`)(results[3])),
              E.apS('token1', decodeReadResult(EvmAddressCodec, `${what} token1`)(results[4])),
            ),
      ),
    );
    if (E.isLeft(parsed)) {
      warnings.push({ source, message: parsed.left.message });
      return undefined;
    }
    const { balance, totalSupply, reserves, tokens: pairTokensNow } = parsed.right;
    pairTokens.set(lower(pair), pairTokensNow);
    return { pair, balance, totalSupply, ...reserves, ...pairTokensNow };
  };

  /** Reads the given pairs (plus `extra` reads riding along), then continues with the parsed holdings. */
  const readPairs = (
    pairs: ReadonlyArray<Address>,
    owner: Address,
    extra: ReadonlyArray<ContractRead>,
    warnings: ReadWarning[],
    then: (held: ReadonlyArray<PairHolding>, extraResults: ReadonlyArray<ReadResult>) => ReadStep<PositionsRead>,
  ): ReadStep<PositionsRead> => {
    const layout = pairs.map((pair) => ({ pair, reads: pairReads(pair, owner) }));
    const reads = [...extra, ...layout.flatMap((l) => l.reads)];
    return readThen(reads, (results) => {
      let offset = extra.length;
      const held = layout.flatMap(({ pair, reads: own }) => {
        const parsed = parsePair(pair, results.slice(offset, offset + own.length), warnings);
        offset += own.length;
        return parsed !== undefined && parsed.balance > 0n ? [parsed] : [];
      });
      return then(held, results.slice(0, extra.length));
    });
  };

  const finish = (held: ReadonlyArray<PairHolding>, warnings: ReadWarning[]): ReadStep<PositionsRead> => {
    // Ordered by pair address, so a warm read (pairs known) lists them as a cold one (pairs found on the way) does.
    const ordered = [...held].sort((a, b) => (lower(a.pair) < lower(b.pair) ? -1 : 1));
    const liquidity = ordered.flatMap((h): UnpricedLiquidityPosition[] => {
      const token0 = tokens.find(h.token0);
      const token1 = tokens.find(h.token1);
      if (token0 === undefined || token1 === undefined) {
        warnings.push({ source, message: `pair ${h.pair} left out: token ${token0 === undefined ? h.token0 : h.token1} does not answer decimals()` });
        return [];
      }
      return [
        buildFullRangePosition({ platform, pair: h.pair, fee, token0, token1, balance: h.balance, totalSupply: h.totalSupply, reserve0: h.reserve0, reserve1: h.reserve1 }),
      ];
    });
    return done({ lending: [], liquidity, warnings });
  };

  return {
    source,
    plan: (wallet) => {
      const owner = getAddress(wallet);
      const warnings: ReadWarning[] = [];
      const at = now();
      const unresolved = candidates.filter((c) => {
        const found = lookups.get(c.id);
        return found === undefined || ('none' in found && at - found.checkedAt >= ttl);
      });
      const knownPairs = [
        ...new Map(
          [...candidates.flatMap((c) => {
            const found = lookups.get(c.id);
            return found !== undefined && 'pair' in found ? [found.pair] : [];
          }), ...configured].map((p) => [lower(p), p]),
        ).values(),
      ];
      if (unresolved.length === 0 && knownPairs.length === 0) return { source, start: done({ lending: [], liquidity: [], warnings }) };
      const getPairReads = unresolved.map((c): ContractRead => ({ address: factory, abi: uniswapV2FactoryAbi, functionName: 'getPair', args: [c.a, c.b] }));

      const afterGetPair = (heldFirst: ReadonlyArray<PairHolding>, pairs: ReadonlyArray<Address>): ReadStep<PositionsRead> => {
        const found = unresolved.flatMap((c, i) => {
          const pair = pairs[i] ?? zeroAddress;
          lookups.set(c.id, pair === zeroAddress ? { none: true, checkedAt: at } : { pair });
          return pair === zeroAddress || knownPairs.some((k) => lower(k) === lower(pair)) ? [] : [pair];
        });
        const newPairs = [...new Map(found.map((p) => [lower(p), p])).values()];
        const metadata = tokens.metadataReads(heldFirst.flatMap((h) => [h.token0, h.token1]));
        if (newPairs.length === 0 && metadata.reads.length === 0) return finish(heldFirst, warnings);
        return readPairs(newPairs, owner, metadata.reads, warnings, (heldNew, metadataResults) => {
          metadata.record(metadataResults);
          return finish([...heldFirst, ...heldNew], warnings);
        });
      };
      const start = readPairs(knownPairs, owner, getPairReads, warnings, (heldFirst, getPairResults) =>
        stepOf(
          pipe(
            E.sequenceArray(
              unresolved.map((c, i) => decodeReadResult(EvmAddressCodec, `factory ${factory} getPair(${c.a}, ${c.b}) (is the v2 factory deployed there?)`)(getPairResults[i])),
            ),
            E.map((pairs) => afterGetPair(heldFirst, pairs)),
          ),
        ),
      );
      return { source, start };
    },
  };
};

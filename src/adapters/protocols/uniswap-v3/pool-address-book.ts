import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { getAddress, zeroAddress, type Address, type Hex } from 'viem';
import { LRUCache } from 'lru-cache';
import { decodeReadResult } from '../../chain/decode-read-result';
import { readThen, stepOf, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import {} from '../../chain/read-value-codecs';
import { computePoolAddress, poolKeyId, UNISWAP_V3_POOL_INIT_CODE_HASH, type PoolKey } from './compute-pool-address';
import { uniswapV3FactoryAbi } from './uniswap-v3-abis';
import { EvmAddressCodec } from '../../../domain/address/evm-address';

/** Where a pool's reads were answered from, or that the factory has no such pool. */
export type PoolReads = { readonly address: Address; readonly results: ReadonlyArray<ReadResult> } | { readonly missing: true };

/**
 * Pool addresses of one factory: guessed with CREATE2 (no round trip), confirmed once by factory.getPool, then
 * remembered for good (a pool never moves). Absent pools are not remembered: they can be created at any time.
 */
export interface PoolAddressBook {
  readonly factory: Address;
  /** The confirmed address of a pool, if it was confirmed before. */
  readonly confirmed: (key: PoolKey) => Address | undefined;
  /**
   * A step that reads `poolReads(address)` of every pool (plus `extraReads`, riding along in the first round) and
   * hands the answers to `then`, keyed by poolKeyId. One round when the addresses are confirmed or the CREATE2 guess
   * is right (getPool is read alongside to check it); a second round only for pools whose guess was wrong.
   */
  readonly readPools: <A>(
    keys: ReadonlyArray<PoolKey>,
    poolReads: (address: Address) => ReadonlyArray<ContractRead>,
    extraReads: ReadonlyArray<ContractRead>,
    then: (pools: ReadonlyMap<string, PoolReads>, extraResults: ReadonlyArray<ReadResult>) => ReadStep<A>,
  ) => ReadStep<A>;
}

export interface PoolAddressBookOptions {
  readonly factory: string;
  /** Default: Uniswap v3's. */
  readonly poolInitCodeHash?: string;
  /** Default 10,000 pools. */
  readonly maxEntries?: number;
}

const isHex32 = (value: string): value is Hex => /^0x[0-9a-fA-F]{64}$/.test(value);

/** Builds the address book of one Uniswap v3 factory. Throws when poolInitCodeHash is not a 32-byte hex string. */
export const makePoolAddressBook = (options: PoolAddressBookOptions): PoolAddressBook => {
  const factory = getAddress(options.factory);
  const hash = options.poolInitCodeHash ?? UNISWAP_V3_POOL_INIT_CODE_HASH;
  if (!isHex32(hash)) throw new Error(`poolInitCodeHash ${hash} is not a 32-byte hex string`);
  const addresses = new LRUCache<string, Address>({ max: options.maxEntries ?? 10_000 });

  const readPools: PoolAddressBook['readPools'] = (keys, poolReads, extraReads, then) => {
    const unique = [...new Map(keys.map((k) => [poolKeyId(k), k])).entries()];
    if (unique.length === 0 && extraReads.length === 0) return then(new Map(), []);
    const plan = unique.map(([id, key]) => {
      const known = addresses.get(id);
      return { id, key, address: known ?? computePoolAddress(factory, key, hash), isConfirmed: known !== undefined };
    });
    const reads: ContractRead[] = [];
    const layout = plan.map((p) => {
      const start = reads.length;
      const own = poolReads(p.address);
      reads.push(...own);
      if (!p.isConfirmed) reads.push({ address: factory, abi: uniswapV3FactoryAbi, functionName: 'getPool', args: [p.key.token0, p.key.token1, p.key.fee] });
      return { ...p, start, count: own.length };
    });
    const extraStart = reads.length;
    reads.push(...extraReads);

    const getPoolAnswer = (p: (typeof layout)[number], results: ReadonlyArray<ReadResult>): E.Either<Error, Address | undefined> =>
      p.isConfirmed
        ? E.right(undefined)
        : decodeReadResult(EvmAddressCodec, `factory ${factory} getPool(${p.key.token0}, ${p.key.token1}, ${p.key.fee})`)(results[p.start + p.count]);

    /** With each unconfirmed pool's getPool answer (undefined for confirmed ones), in layout order. */
    const afterGetPool = (results: ReadonlyArray<ReadResult>, answers: ReadonlyArray<Address | undefined>) => {
      const pools = new Map<string, PoolReads>();
      const moved: Array<{ id: string; address: Address }> = [];
      for (const [k, p] of layout.entries()) {
        const own = results.slice(p.start, p.start + p.count);
        const actual = answers[k];
        if (actual === undefined) {
          pools.set(p.id, { address: p.address, results: own });
          continue;
        }
        if (actual === zeroAddress) {
          pools.set(p.id, { missing: true });
        } else {
          addresses.set(p.id, actual);
          if (actual === p.address) pools.set(p.id, { address: actual, results: own });
          else moved.push({ id: p.id, address: actual });
        }
      }
      const extraResults = results.slice(extraStart);
      if (moved.length === 0) return then(pools, extraResults);
      // The CREATE2 guess was wrong (another init code hash): read those pools again at the factory's address.
      const second = moved.map((m) => ({ ...m, reads: poolReads(m.address) }));
      return readThen(
        second.flatMap((m) => m.reads),
        (again) => {
          let offset = 0;
          for (const m of second) {
            pools.set(m.id, { address: m.address, results: again.slice(offset, offset + m.reads.length) });
            offset += m.reads.length;
          }
          return then(pools, extraResults);
        },
      );
    };

    return readThen(reads, (results) =>
      stepOf(pipe(E.sequenceArray(layout.map((p) => getPoolAnswer(p, results))), E.map((answers) => afterGetPool(results, answers)))),
    );
  };

  return { factory, confirmed: (key) => addresses.get(poolKeyId(key)), readPools };
};

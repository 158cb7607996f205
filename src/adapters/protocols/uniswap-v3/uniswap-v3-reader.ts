import { getAddress, type Address } from 'viem';
import { LRUCache } from 'lru-cache';
import type { ReadWarning } from '../../../domain/tokens/token-holding';
import { MAX_UINT128 } from '../../../domain/uniswap-v3';
import { done, readThen, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import type { PositionsRead, ProtocolReader, UnpricedLiquidityPosition } from '../protocol-reader';
import { buildConcentratedPosition, type PositionKey } from './build-concentrated-position';
import { poolKeyId, type PoolKey } from './compute-pool-address';
import { positionManagerRead } from './position-manager-read';
import { makePoolAddressBook } from './pool-address-book';
import { addressAt, bigintAt, bigintOf, numberAt, tupleOf } from './read-result-values';
import { makeTokenInfoBook, type KnownTokenLookup } from './token-info-book';
import { uniswapV3PoolAbi } from './uniswap-v3-abis';

export interface UniswapV3ReaderOptions {
  readonly addresses: { readonly factory: string; readonly nonfungiblePositionManager: string; readonly poolInitCodeHash?: string };
  /** The registry's entry for a token (decimals, symbol, coingeckoId, isStable); other tokens are read on chain once. */
  readonly knownToken: KnownTokenLookup;
  readonly chainId: number;
  /** Default "dragonswap-v2". */
  readonly source?: string;
  /** Default "DragonSwap V2". */
  readonly platform?: string;
  /** tokenOfOwnerByIndex reads sent with balanceOf in round 1 (default 32); a wallet holding more costs one more round. */
  readonly speculativeTokenIds?: number;
  /** Positions read per wallet at most (default 200): anyone can mint positions to any wallet. Beyond it, a warning. */
  readonly maxPositions?: number;
}

interface PositionState {
  readonly tokenId: bigint;
  readonly key: PositionKey;
  readonly liquidity: bigint;
  readonly fees0: bigint;
  readonly fees1: bigint;
}

interface PoolPrice {
  readonly address: Address;
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
}

/** tokenOfOwnerByIndex reads sent with balanceOf in the first round, by default. */
export const DEFAULT_SPECULATIVE_TOKEN_IDS = 32;
/** Position NFTs read per wallet at most, by default. */
export const DEFAULT_MAX_POSITIONS = 200;

const poolKeyOf = (key: PositionKey): PoolKey => ({ token0: key.token0, token1: key.token1, fee: key.fee });

const describePool = (key: PoolKey): string => `${key.token0}/${key.token1} fee ${key.fee}`;

/**
 * Reads a wallet's Uniswap v3 (DragonSwap V2) positions in at most three rounds, two once the wallet's position
 * NFTs and their pools have been seen:
 *  1. NPM.balanceOf(owner) and tokenOfOwnerByIndex(owner, i) for i < speculativeTokenIds (the excess fails harmlessly);
 *  2. NPM.positions(id) for each id, and NPM.collect(id, owner, max, max) simulated as an eth_call from the owner
 *     (the exact uncollected fees); slot0 of pools already known from an earlier read of the same NFT;
 *  3. slot0 of the other pools at their CREATE2 address with factory.getPool to check it, and decimals/symbol of
 *     tokens outside the registry. A wrong CREATE2 guess (another init code hash) costs a 4th round, once per pool.
 * A wallet holding more NFTs than speculativeTokenIds costs one more round. Pool addresses, token metadata and each
 * NFT's pool and ticks (immutable) are remembered; liquidity and fees never are. Closed positions (no liquidity, no
 * fees) are left out. A failed core read throws, which the engine reports as this source's warning.
 */
export const makeUniswapV3Reader = (options: UniswapV3ReaderOptions): ProtocolReader => {
  const source = options.source ?? 'dragonswap-v2';
  const platform = options.platform ?? 'DragonSwap V2';
  const speculative = options.speculativeTokenIds ?? DEFAULT_SPECULATIVE_TOKEN_IDS;
  const maxPositions = options.maxPositions ?? DEFAULT_MAX_POSITIONS;
  const npm = getAddress(options.addresses.nonfungiblePositionManager);
  const pools = makePoolAddressBook({ factory: options.addresses.factory, poolInitCodeHash: options.addresses.poolInitCodeHash });
  const tokens = makeTokenInfoBook(options.knownToken);
  const positionKeys = new LRUCache<string, PositionKey>({ max: 50_000 });
  const where = `NonfungiblePositionManager ${npm} on chain ${options.chainId}`;

  const npmRead = positionManagerRead(npm);
  const slot0Read = (address: Address): ContractRead => ({ address, abi: uniswapV3PoolAbi, functionName: 'slot0' });

  const parseSlot0 = (result: ReadResult | undefined, address: Address, key: PoolKey): PoolPrice => {
    const slot0 = tupleOf(result, `slot0 of pool ${address} (${describePool(key)})`, 2);
    return { address, sqrtPriceX96: bigintAt(slot0, 0, 'slot0'), tick: numberAt(slot0, 1, 'slot0') };
  };

  const finish = (open: ReadonlyArray<PositionState>, prices: ReadonlyMap<string, PoolPrice>, warnings: ReadWarning[]): ReadStep<PositionsRead> => {
    const liquidity = open.flatMap((s): UnpricedLiquidityPosition[] => {
      const pool = prices.get(poolKeyId(s.key));
      if (pool === undefined) throw new Error(`no price was read for pool ${describePool(s.key)}`);
      const token0 = tokens.find(s.key.token0);
      const token1 = tokens.find(s.key.token1);
      if (token0 === undefined || token1 === undefined) {
        const bad = token0 === undefined ? s.key.token0 : s.key.token1;
        warnings.push({ source, message: `position #${s.tokenId} left out: token ${bad} does not answer decimals()` });
        return [];
      }
      return [buildConcentratedPosition({ ...s, platform, poolAddress: pool.address, sqrtPriceX96: pool.sqrtPriceX96, tick: pool.tick, token0, token1 })];
    });
    return done({ lending: [], liquidity, warnings });
  };

  const readPoolsAndTokens = (open: ReadonlyArray<PositionState>, prices: Map<string, PoolPrice>, warnings: ReadWarning[]): ReadStep<PositionsRead> => {
    const unpriced = open.map((s) => poolKeyOf(s.key)).filter((k) => !prices.has(poolKeyId(k)));
    const metadata = tokens.metadataReads(open.flatMap((s) => [s.key.token0, s.key.token1]));
    if (unpriced.length === 0 && metadata.reads.length === 0) return finish(open, prices, warnings);
    const keysById = new Map(unpriced.map((k) => [poolKeyId(k), k]));
    return pools.readPools(unpriced, (address) => [slot0Read(address)], metadata.reads, (found, metadataResults) => {
      metadata.record(metadataResults);
      for (const [id, answer] of found) {
        const key = keysById.get(id);
        if (key === undefined) continue;
        if ('missing' in answer) {
          throw new Error(`factory ${pools.factory} has no pool ${describePool(key)}: is it the factory of ${where}?`);
        }
        prices.set(id, parseSlot0(answer.results[0], answer.address, key));
      }
      return finish(open, prices, warnings);
    });
  };

  const readPositions = (owner: Address, ids: ReadonlyArray<bigint>, warnings: ReadWarning[]): ReadStep<PositionsRead> => {
    // NFTs seen before: their pool (immutable) is known, so its price can ride along in this round.
    const warm = new Map<string, { key: PoolKey; address: Address }>();
    for (const id of ids) {
      const key = positionKeys.get(id.toString());
      const address = key === undefined ? undefined : pools.confirmed(poolKeyOf(key));
      if (key !== undefined && address !== undefined) warm.set(poolKeyId(key), { key: poolKeyOf(key), address });
    }
    const warmPools = [...warm.entries()];
    const reads = [
      ...ids.flatMap((id) => [
        npmRead('positions', [id]),
        npmRead('collect', [{ tokenId: id, recipient: owner, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }], owner),
      ]),
      ...warmPools.map(([, p]) => slot0Read(p.address)),
    ];
    return readThen(reads, (results) => {
      const states = ids.map((tokenId, i): PositionState => {
        const what = `${where}: positions(${tokenId})`;
        const position = tupleOf(results[2 * i], what, 12);
        const key: PositionKey = {
          token0: addressAt(position, 2, what),
          token1: addressAt(position, 3, what),
          fee: numberAt(position, 4, what),
          tickLower: numberAt(position, 5, what),
          tickUpper: numberAt(position, 6, what),
        };
        positionKeys.set(tokenId.toString(), key);
        const liquidity = bigintAt(position, 7, what);
        const collected = results[2 * i + 1];
        if (collected?.ok === true && Array.isArray(collected.value) && typeof collected.value[0] === 'bigint' && typeof collected.value[1] === 'bigint') {
          return { tokenId, key, liquidity, fees0: collected.value[0], fees1: collected.value[1] };
        }
        // Without the simulation, tokensOwed holds the fees credited at the last poke (a lower bound).
        warnings.push({ source, message: `uncollected fees of position #${tokenId} could not be simulated; showing the fees credited so far` });
        return { tokenId, key, liquidity, fees0: bigintAt(position, 10, what), fees1: bigintAt(position, 11, what) };
      });
      const open = states.filter((s) => s.liquidity > 0n || s.fees0 > 0n || s.fees1 > 0n);
      const prices = new Map<string, PoolPrice>();
      const slot0Start = 2 * ids.length;
      warmPools.forEach(([id, p], k) => prices.set(id, parseSlot0(results[slot0Start + k], p.address, p.key)));
      return readPoolsAndTokens(open, prices, warnings);
    });
  };

  const afterBalance = (owner: Address, results: ReadonlyArray<ReadResult>): ReadStep<PositionsRead> => {
    const balance = bigintOf(results[0], `${where}: balanceOf(${owner}) (is the position manager deployed there?)`);
    if (balance === 0n) return done({ lending: [], liquidity: [], warnings: [] });
    const warnings: ReadWarning[] = [];
    if (balance > BigInt(maxPositions)) {
      warnings.push({ source, message: `wallet holds ${balance} position NFTs; only the first ${maxPositions} are read` });
    }
    const count = Number(balance > BigInt(maxPositions) ? BigInt(maxPositions) : balance);
    const tokenIdAt = (result: ReadResult | undefined, index: number) => bigintOf(result, `${where}: tokenOfOwnerByIndex(${owner}, ${index})`);
    const first = results.slice(1, 1 + Math.min(count, speculative)).map((r, i) => tokenIdAt(r, i));
    if (count <= speculative) return readPositions(owner, first, warnings);
    const rest = Array.from({ length: count - speculative }, (_, k) => speculative + k);
    return readThen(
      rest.map((i) => npmRead('tokenOfOwnerByIndex', [owner, BigInt(i)])),
      (more) => readPositions(owner, [...first, ...more.map((r, k) => tokenIdAt(r, speculative + k))], warnings),
    );
  };

  return {
    source,
    plan: (wallet) => {
      const owner = getAddress(wallet);
      const reads = [
        npmRead('balanceOf', [owner]),
        ...Array.from({ length: speculative }, (_, i) => npmRead('tokenOfOwnerByIndex', [owner, BigInt(i)])),
      ];
      return { source, start: readThen(reads, (results) => afterBalance(owner, results)) };
    },
  };
};

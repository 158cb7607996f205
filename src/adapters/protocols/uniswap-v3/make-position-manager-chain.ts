import * as TE from 'fp-ts/TaskEither';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { LRUCache } from 'lru-cache';
import { getAddress, parseAbi, type Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import { MAX_UINT128 } from '../../../domain/uniswap-v3';
import type { AtBlock, PairAmounts, PoolAtBlock, PositionAtBlock, PositionManagerChain } from '../../../services/tx/liquidity/ports';
import { executeReadPlans, type ReadEngineDeps } from '../../chain/execute-read-plans';
import { done, readThen, valueOf, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import { toPoolKey, type PoolKey } from './compute-pool-address';
import { positionManagerRead } from './position-manager-read';
import { makePoolAddressBook, type PoolReads } from './pool-address-book';
import { addressAt, bigintAt, bigintOf, numberAt, tupleOf } from './read-result-values';
import { uniswapV3PoolAbi } from './uniswap-v3-abis';

const blockTimestampAbi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256 timestamp)']);

export interface PositionManagerChainOptions {
  /** The read engine (client, Multicall3, logger) every read runs through, pinned to the plan's block. */
  readonly engine: ReadEngineDeps;
  readonly addresses: { readonly factory: string; readonly nonfungiblePositionManager: string; readonly poolInitCodeHash?: string };
}

const SOURCE = 'dragonswap-v2-tx';

/**
 * The liquidity planners' chain port over the read engine, every read pinned to the plan's block:
 *  - readPool: one round (slot0, tickSpacing and the block timestamp, getPool checking the CREATE2 address);
 *  - readPosition: two rounds the first time an NFT is seen (ownerOf, positions, the block timestamp, and
 *    collect(max, max) simulated as the wallet; then its pool as above), one round after (the NFT's pool is
 *    remembered, so slot0 and tickSpacing ride along).
 * Pool addresses and each NFT's pool are remembered for good (bounded LRU). A chain answer of the wrong
 * shape is UpstreamBadResponse; a transport failure RpcUnavailable.
 */
export const makePositionManagerChain = (options: PositionManagerChainOptions): PositionManagerChain => {
  const npm = getAddress(options.addresses.nonfungiblePositionManager);
  const pools = makePoolAddressBook({ factory: options.addresses.factory, poolInitCodeHash: options.addresses.poolInitCodeHash });
  const poolsOfPositions = new LRUCache<string, { readonly address: Address }>({ max: 50_000 });
  const timestampRead: ContractRead = { address: options.engine.multicallAddress, abi: blockTimestampAbi, functionName: 'getCurrentBlockTimestamp' };
  const npmRead = positionManagerRead(npm);
  const poolReads = (address: Address): ReadonlyArray<ContractRead> => [
    { address, abi: uniswapV3PoolAbi, functionName: 'slot0' },
    { address, abi: uniswapV3PoolAbi, functionName: 'tickSpacing' },
  ];

  const poolOf = (key: PoolKey, answer: PoolReads | undefined): PoolAtBlock | null => {
    if (answer === undefined || 'missing' in answer) return null;
    const what = `pool ${answer.address} (${key.token0}/${key.token1} fee ${key.fee})`;
    const slot0 = tupleOf(answer.results[0], `${what}: slot0`, 2);
    const sqrtPriceX96 = bigintAt(slot0, 0, `${what}: slot0`);
    if (sqrtPriceX96 === 0n) return null;
    const tickSpacing = numberAt([valueOf(answer.results[1], `${what}: tickSpacing`)], 0, `${what}: tickSpacing`);
    return { address: answer.address, ...key, tickSpacing, sqrtPriceX96, tick: numberAt(slot0, 1, `${what}: slot0`) };
  };

  const run = <A>(start: ReadStep<A>, blockNumber: bigint): TE.TaskEither<AppError, A> =>
    pipe(
      executeReadPlans(options.engine, [{ source: SOURCE, start }], blockNumber),
      TE.flatMap((outcome) => {
        const result = outcome.outcomes[0]?.result ?? E.left(new Error('no result'));
        return TE.fromEither(E.mapLeft((cause: Error): AppError => ({ _tag: 'UpstreamBadResponse', service: 'Sei RPC', cause }))(result));
      }),
    );

  const readPoolStep = <A>(key: PoolKey, extra: ReadonlyArray<ContractRead>, then: (pool: PoolAtBlock | null, extraResults: ReadonlyArray<ReadResult>) => ReadStep<A>) =>
    pools.readPools([key], poolReads, extra, (found, extraResults) => then(poolOf(key, found.values().next().value), extraResults));

  const readPool: PositionManagerChain['readPool'] = (tokens, blockNumber) => {
    const key = toPoolKey(tokens.token0, tokens.token1, tokens.fee);
    return run(
      readPoolStep(key, [timestampRead], (pool, [timestamp]): ReadStep<AtBlock<PoolAtBlock | null>> =>
        done({ value: pool, blockTimestamp: bigintOf(timestamp, 'Multicall3 getCurrentBlockTimestamp') }),
      ),
      blockNumber,
    );
  };

  const readPosition: PositionManagerChain['readPosition'] = (tokenId, wallet, blockNumber) => {
    // An NFT's pool never changes (ids are never reused): once seen, its price rides along in the first round.
    const known = poolsOfPositions.get(tokenId.toString());
    const reads = [
      npmRead('ownerOf', [tokenId]),
      npmRead('positions', [tokenId]),
      timestampRead,
      npmRead('collect', [{ tokenId, recipient: wallet, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }], wallet),
      ...(known === undefined ? [] : poolReads(known.address)),
    ];
    const start = readThen(reads, ([owner, position, timestamp, collected, ...knownPool]): ReadStep<AtBlock<PositionAtBlock | null>> => {
      const blockTimestamp = bigintOf(timestamp, 'Multicall3 getCurrentBlockTimestamp');
      // ownerOf reverts for an id never minted or burned.
      if (owner === undefined || !owner.ok) return done({ value: null, blockTimestamp });
      const what = `NonfungiblePositionManager ${npm}: positions(${tokenId})`;
      const fields = tupleOf(position, what, 12);
      const key: PoolKey = { token0: addressAt(fields, 2, what), token1: addressAt(fields, 3, what), fee: numberAt(fields, 4, what) };
      const withPool = (pool: PoolAtBlock | null): ReadStep<AtBlock<PositionAtBlock | null>> => {
        if (pool === null) throw new Error(`${what}: its pool ${key.token0}/${key.token1} fee ${key.fee} is not found`);
        poolsOfPositions.set(tokenId.toString(), { address: pool.address });
        return done({
          blockTimestamp,
          value: {
            tokenId,
            owner: addressAt([owner.value], 0, `ownerOf(${tokenId})`),
            tickLower: numberAt(fields, 5, what),
            tickUpper: numberAt(fields, 6, what),
            liquidity: bigintAt(fields, 7, what),
            pool,
            owed: owedOf(collected),
          },
        });
      };
      if (known !== undefined) return withPool(poolOf(key, { address: known.address, results: knownPool }));
      return readPoolStep(key, [], withPool);
    });
    return run(start, blockNumber);
  };

  return { positionManager: npm, readPool, readPosition };
};

/** collect's (amount0, amount1), or null when the simulation reverted (the wallet may not collect). */
const owedOf = (result: ReadResult | undefined): PairAmounts | null => {
  if (result === undefined || !result.ok) return null;
  const pair = tupleOf(result, 'collect', 2);
  return { amount0: bigintAt(pair, 0, 'collect'), amount1: bigintAt(pair, 1, 'collect') };
};


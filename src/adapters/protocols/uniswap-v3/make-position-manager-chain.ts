import * as TE from 'fp-ts/TaskEither';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { LRUCache } from 'lru-cache';
import { getAddress, parseAbi, type Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import { MAX_UINT128 } from '../../../domain/uniswap-v3';
import type { AtBlock, PairAmounts, PoolAtBlock, PositionAtBlock, PositionManagerChain } from '../../../services/tx/liquidity/ports';
import { executeReadPlans, type ReadEngineDeps } from '../../chain/execute-read-plans';
import { decodeOptionalRead, decodeReadResult } from '../../chain/decode-read-result';
import { done, readThen, stepOf, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import { AbiSmallInt, AbiUint, abiMembers } from '../../chain/read-value-codecs';
import { toPoolKey, type PoolKey } from './compute-pool-address';
import { positionManagerRead } from './position-manager-read';
import { makePoolAddressBook, type PoolReads } from './pool-address-book';
import { uniswapV3PoolAbi } from './uniswap-v3-abis';
import { PositionCodec, Slot0Codec } from './uniswap-v3-answer-codecs';
import { EvmAddressCodec } from '../../../domain/address/evm-address';

const blockTimestampAbi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256 timestamp)']);

export interface PositionManagerChainOptions {
  /** The read engine (client, Multicall3, logger) every read runs through, pinned to the plan's block. */
  readonly engine: ReadEngineDeps;
  readonly addresses: { readonly factory: string; readonly nonfungiblePositionManager: string; readonly poolInitCodeHash?: string };
}

const SOURCE = 'dragonswap-v2-tx';

const decodeTimestamp = decodeReadResult(AbiUint, 'Multicall3 getCurrentBlockTimestamp');

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

  /** The pool's state, null when it does not exist or is not initialised. */
  const poolOf = (key: PoolKey, answer: PoolReads | undefined): E.Either<Error, PoolAtBlock | null> => {
    if (answer === undefined || 'missing' in answer) return E.right(null);
    const what = `pool ${answer.address} (${key.token0}/${key.token1} fee ${key.fee})`;
    return pipe(
      E.Do,
      E.apS('slot0', decodeReadResult(Slot0Codec, `${what}: slot0`)(answer.results[0])),
      E.apS('tickSpacing', decodeReadResult(AbiSmallInt, `${what}: tickSpacing`)(answer.results[1])),
      E.map(({ slot0, tickSpacing }) => (slot0.sqrtPriceX96 === 0n ? null : { address: answer.address, ...key, tickSpacing, ...slot0 })),
    );
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
    pools.readPools([key], poolReads, extra, (found, extraResults) =>
      stepOf(pipe(poolOf(key, found.values().next().value), E.map((pool) => then(pool, extraResults)))),
    );

  const readPool: PositionManagerChain['readPool'] = (tokens, blockNumber) => {
    const key = toPoolKey(tokens.token0, tokens.token1, tokens.fee);
    return run(
      readPoolStep(key, [timestampRead], (pool, [timestamp]): ReadStep<AtBlock<PoolAtBlock | null>> =>
        stepOf(pipe(decodeTimestamp(timestamp), E.map((blockTimestamp) => done({ value: pool, blockTimestamp })))),
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
    const start = readThen(reads, ([owner, position, timestamp, collected, ...knownPool]) =>
      stepOf(
        pipe(
          decodeTimestamp(timestamp),
          E.flatMap((blockTimestamp): E.Either<Error, ReadStep<AtBlock<PositionAtBlock | null>>> => {
            // ownerOf reverts for an id never minted or burned.
            if (owner === undefined || !owner.ok) return E.right(done({ value: null, blockTimestamp }));
            const what = `NonfungiblePositionManager ${npm}: positions(${tokenId})`;
            return pipe(
              E.Do,
              E.apS('fields', decodeReadResult(PositionCodec, what)(position)),
              E.apS('ownerAddress', decodeReadResult(EvmAddressCodec, `ownerOf(${tokenId})`)(owner)),
              E.map(({ fields, ownerAddress }) => {
                const key: PoolKey = { token0: fields.token0, token1: fields.token1, fee: fields.fee };
                const withPool = (pool: PoolAtBlock | null): ReadStep<AtBlock<PositionAtBlock | null>> => {
                  if (pool === null) return { failed: new Error(`${what}: its pool ${key.token0}/${key.token1} fee ${key.fee} is not found`) };
                  poolsOfPositions.set(tokenId.toString(), { address: pool.address });
                  const { tickLower, tickUpper, liquidity } = fields;
                  return done({ blockTimestamp, value: { tokenId, owner: ownerAddress, tickLower, tickUpper, liquidity, pool, owed: owedOf(collected) } });
                };
                if (known !== undefined) return stepOf(pipe(poolOf(key, { address: known.address, results: knownPool }), E.map(withPool)));
                return readPoolStep(key, [], withPool);
              }),
            );
          }),
        ),
      ),
    );
    return run(start, blockNumber);
  };

  return { positionManager: npm, readPool, readPosition };
};

const decodeCollected = decodeOptionalRead(abiMembers(2, { amount0: [0, AbiUint], amount1: [1, AbiUint] }));

/** collect's (amount0, amount1), or null when the simulation reverted (the wallet may not collect) or answered another shape. */
const owedOf = (result: ReadResult | undefined): PairAmounts | null => decodeCollected(result) ?? null;


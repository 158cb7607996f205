import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { getAddress, type Address } from 'viem';
import { LRUCache } from 'lru-cache';
import type { ReadWarning } from '../../../domain/tokens/token-holding';
import { MAX_UINT128 } from '../../../domain/uniswap-v3';
import { decodeOptionalRead, decodeReadResult } from '../../chain/decode-read-result';
import { done, readThen, stepOf, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import { AbiUint, abiMembers } from '../../chain/read-value-codecs';
import type { PositionsRead, ProtocolReader, UnpricedLiquidityPosition } from '../protocol-reader';
import { buildConcentratedPosition, type PositionKey } from './build-concentrated-position';
import { poolKeyId, type PoolKey } from './compute-pool-address';
import { positionManagerRead } from './position-manager-read';
import { makePoolAddressBook } from './pool-address-book';
import { makeTokenInfoBook, type KnownTokenLookup } from './token-info-book';
import { uniswapV3PoolAbi } from './uniswap-v3-abis';
import { PositionCodec, Slot0Codec } from './uniswap-v3-answer-codecs';
import type { ChainId } from '../../../domain/address/chain-id';

export interface UniswapV3ReaderOptions {
  readonly addresses: { readonly factory: string; readonly nonfungiblePositionManager: string; readonly poolInitCodeHash?: string };
  /** The registry's entry for a token (decimals, symbol, coingeckoId, isStable); other tokens are read on chain once. */
  readonly knownToken: KnownTokenLookup;
  readonly chainId: ChainId;
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

/** collect(...) simulated as the owner: the exact uncollected fees. */
const decodeCollected = decodeOptionalRead(abiMembers(2, { amount0: [0, AbiUint], amount1: [1, AbiUint] }));

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
 * fees) are left out. A failed core read fails the plan, which the engine reports as this source's warning.
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

  const decodeSlot0 = (result: ReadResult | undefined, address: Address, key: PoolKey): E.Either<Error, PoolPrice> =>
    pipe(
      decodeReadResult(Slot0Codec, `slot0 of pool ${address} (${describePool(key)})`)(result),
      E.map((slot0) => ({ address, ...slot0 })),
    );

  const finish = (open: ReadonlyArray<PositionState>, prices: ReadonlyMap<string, PoolPrice>, warnings: ReadWarning[]): ReadStep<PositionsRead> => {
    const positions = open.map((s): E.Either<Error, ReadonlyArray<UnpricedLiquidityPosition>> => {
      const pool = prices.get(poolKeyId(s.key));
      if (pool === undefined) return E.left(new Error(`no price was read for pool ${describePool(s.key)}`));
      const token0 = tokens.find(s.key.token0);
      const token1 = tokens.find(s.key.token1);
      if (token0 === undefined || token1 === undefined) {
        const bad = token0 === undefined ? s.key.token0 : s.key.token1;
        warnings.push({ source, message: `position #${s.tokenId} left out: token ${bad} does not answer decimals()` });
        return E.right([]);
      }
      return E.right([buildConcentratedPosition({ ...s, platform, poolAddress: pool.address, sqrtPriceX96: pool.sqrtPriceX96, tick: pool.tick, token0, token1 })]);
    });
    return stepOf(
      pipe(
        E.sequenceArray(positions),
        E.map((each) => done({ lending: [], liquidity: each.flat(), warnings })),
      ),
    );
  };

  const readPoolsAndTokens = (open: ReadonlyArray<PositionState>, prices: Map<string, PoolPrice>, warnings: ReadWarning[]): ReadStep<PositionsRead> => {
    const unpriced = open.map((s) => poolKeyOf(s.key)).filter((k) => !prices.has(poolKeyId(k)));
    const metadata = tokens.metadataReads(open.flatMap((s) => [s.key.token0, s.key.token1]));
    if (unpriced.length === 0 && metadata.reads.length === 0) return finish(open, prices, warnings);
    const keysById = new Map(unpriced.map((k) => [poolKeyId(k), k]));
    return pools.readPools(unpriced, (address) => [slot0Read(address)], metadata.reads, (found, metadataResults) => {
      metadata.record(metadataResults);
      const priced = [...found].flatMap(([id, answer]) => {
        const key = keysById.get(id);
        if (key === undefined) return [];
        if ('missing' in answer) return [E.left(new Error(`factory ${pools.factory} has no pool ${describePool(key)}: is it the factory of ${where}?`))];
        return [pipe(decodeSlot0(answer.results[0], answer.address, key), E.map((price) => [id, price] as const))];
      });
      return stepOf(
        pipe(
          E.sequenceArray(priced),
          E.map((entries) => finish(open, new Map([...prices, ...entries]), warnings)),
        ),
      );
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
    const stateOf = (tokenId: bigint, positionResult: ReadResult | undefined, collectResult: ReadResult | undefined): E.Either<Error, PositionState> =>
      pipe(
        decodeReadResult(PositionCodec, `${where}: positions(${tokenId})`)(positionResult),
        E.map((position): PositionState => {
          const { token0, token1, fee, tickLower, tickUpper, liquidity } = position;
          const key: PositionKey = { token0, token1, fee, tickLower, tickUpper };
          positionKeys.set(tokenId.toString(), key);
          const collected = decodeCollected(collectResult);
          if (collected !== undefined) return { tokenId, key, liquidity, fees0: collected.amount0, fees1: collected.amount1 };
          // Without the simulation, tokensOwed holds the fees credited at the last poke (a lower bound).
          warnings.push({ source, message: `uncollected fees of position #${tokenId} could not be simulated; showing the fees credited so far` });
          return { tokenId, key, liquidity, fees0: position.tokensOwed0, fees1: position.tokensOwed1 };
        }),
      );
    return readThen(reads, (results) => {
      const slot0Start = 2 * ids.length;
      return stepOf(
        pipe(
          E.Do,
          E.apS('states', E.sequenceArray(ids.map((tokenId, i) => stateOf(tokenId, results[2 * i], results[2 * i + 1])))),
          E.apS('warmPrices', E.sequenceArray(warmPools.map(([id, p], k) => pipe(decodeSlot0(results[slot0Start + k], p.address, p.key), E.map((price) => [id, price] as const))))),
          E.map(({ states, warmPrices }) => {
            const open = states.filter((s) => s.liquidity > 0n || s.fees0 > 0n || s.fees1 > 0n);
            return readPoolsAndTokens(open, new Map(warmPrices), warnings);
          }),
        ),
      );
    });
  };

  const afterBalance = (owner: Address, results: ReadonlyArray<ReadResult>): ReadStep<PositionsRead> => {
    const tokenIds = (answers: ReadonlyArray<ReadResult>, from: number) =>
      E.sequenceArray(answers.map((r, k) => decodeReadResult(AbiUint, `${where}: tokenOfOwnerByIndex(${owner}, ${from + k})`)(r)));
    const balanceRead = decodeReadResult(AbiUint, `${where}: balanceOf(${owner}) (is the position manager deployed there?)`)(results[0]);
    return stepOf(
      pipe(
        balanceRead,
        E.flatMap((balance): E.Either<Error, ReadStep<PositionsRead>> => {
          if (balance === 0n) return E.right(done({ lending: [], liquidity: [], warnings: [] }));
          const warnings: ReadWarning[] = [];
          if (balance > BigInt(maxPositions)) {
            warnings.push({ source, message: `wallet holds ${balance} position NFTs; only the first ${maxPositions} are read` });
          }
          const count = Number(balance > BigInt(maxPositions) ? BigInt(maxPositions) : balance);
          return pipe(
            tokenIds(results.slice(1, 1 + Math.min(count, speculative)), 0),
            E.map((first) => {
              if (count <= speculative) return readPositions(owner, first, warnings);
              const rest = Array.from({ length: count - speculative }, (_, k) => speculative + k);
              return readThen(rest.map((i) => npmRead('tokenOfOwnerByIndex', [owner, BigInt(i)])), (more) =>
                stepOf(pipe(tokenIds(more, speculative), E.map((others) => readPositions(owner, [...first, ...others], warnings)))),
              );
            }),
          );
        }),
      ),
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

import { getAddress, type Address } from 'viem';
import { sqrtPriceX96ToPrice } from '../../../domain/uniswap-v3';
import { decodeOptionalRead } from '../../chain/decode-read-result';
import { done, type ReadPlan, type ReadResult } from '../../chain/read-plan';
import { AbiUint } from '../../chain/read-value-codecs';
import { poolKeyId, toPoolKey } from './compute-pool-address';
import type { PoolAddressBook } from './pool-address-book';
import { uniswapV3PoolAbi } from './uniswap-v3-abis';
import { Slot0Codec } from './uniswap-v3-answer-codecs';

/** Price `token` in `quote` from the pools of these fee tiers (e.g. [100, 500, 3000, 10000]). */
export interface PoolPriceQuery {
  readonly token: Address;
  readonly tokenDecimals: number;
  readonly quote: Address;
  readonly quoteDecimals: number;
  readonly fees: ReadonlyArray<number>;
}

/** One live pool's answer for a query. */
export interface PoolPriceQuote {
  readonly pool: Address;
  readonly fee: number;
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  /** In-range liquidity L (pool.liquidity()). */
  readonly liquidity: bigint;
  /** Whole quote tokens per whole `token`. */
  readonly price: number;
  /**
   * The quote token's virtual reserve at the current price, in its base units (L·√P for token1, L/√P for token0):
   * a depth measure comparable across fee tiers. Multiply by the quote's USD price to test a minimum liquidity.
   */
  readonly quoteDepth: bigint;
}

export interface PoolPricesRead {
  /** One entry per query, in order; `pools` holds the live ones (existing, initialised, with in-range liquidity). */
  readonly results: ReadonlyArray<{ readonly query: PoolPriceQuery; readonly pools: ReadonlyArray<PoolPriceQuote> }>;
}

const Q96 = 1n << 96n;

const optionalSlot0 = decodeOptionalRead(Slot0Codec);
const optionalUint = decodeOptionalRead(AbiUint);

const toQuote = (query: PoolPriceQuery, fee: number, pool: Address, slot0Result: ReadResult | undefined, liquidityResult: ReadResult | undefined): PoolPriceQuote | undefined => {
  const slot0 = optionalSlot0(slot0Result);
  const liquidity = optionalUint(liquidityResult);
  if (slot0 === undefined || liquidity === undefined || slot0.sqrtPriceX96 === 0n || liquidity === 0n) return undefined;
  const { sqrtPriceX96, tick } = slot0;
  const tokenIsToken0 = getAddress(query.token).toLowerCase() < getAddress(query.quote).toLowerCase();
  const price = tokenIsToken0
    ? sqrtPriceX96ToPrice(sqrtPriceX96, query.tokenDecimals, query.quoteDecimals)
    : 1 / sqrtPriceX96ToPrice(sqrtPriceX96, query.quoteDecimals, query.tokenDecimals);
  if (!Number.isFinite(price) || price <= 0) return undefined;
  const quoteDepth = tokenIsToken0 ? (liquidity * sqrtPriceX96) / Q96 : (liquidity * Q96) / sqrtPriceX96;
  return { pool, fee, sqrtPriceX96, tick, liquidity, price, quoteDepth };
};

/**
 * For the DEX price fallback: slot0 and liquidity of every candidate pool (each query × fee tier), addressed by
 * CREATE2 through the factory's address book and checked with getPool in the same round. One round (plus one, once
 * per pool, if the book's init code hash is wrong for this factory); shares the multicall with every other plan.
 * Missing, uninitialised and empty pools are left out; choosing among the rest (e.g. the deepest) is the caller's.
 */
export const readPoolPricesPlan = (book: PoolAddressBook, queries: ReadonlyArray<PoolPriceQuery>, source = 'dex-prices'): ReadPlan<PoolPricesRead> => {
  const candidates = queries.flatMap((query, q) => query.fees.map((fee) => ({ q, fee, key: toPoolKey(query.token, query.quote, fee) })));
  return {
    source,
    start: book.readPools(
      candidates.map((c) => c.key),
      (address) => [
        { address, abi: uniswapV3PoolAbi, functionName: 'slot0' },
        { address, abi: uniswapV3PoolAbi, functionName: 'liquidity' },
      ],
      [],
      (pools) =>
        done({
          results: queries.map((query, q) => ({
            query,
            pools: candidates
              .filter((c) => c.q === q)
              .flatMap((c) => {
                const answer = pools.get(poolKeyId(c.key));
                if (answer === undefined || 'missing' in answer) return [];
                const quote = toQuote(query, c.fee, answer.address, answer.results[0], answer.results[1]);
                return quote === undefined ? [] : [quote];
              }),
          })),
        }),
    ),
  };
};

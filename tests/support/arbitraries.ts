/**
 * The fast-check arbitraries the property tests share: EVM addresses, token amounts with their decimals, Uniswap v3
 * ticks, sqrt prices and liquidity, 256-bit words, Aave ray rates, USD prices and values, and hostile HTTP input (text,
 * numbers, addresses and JSON a client may send). One definition each, so the
 * ranges a property is checked over are the same wherever the same kind of value is meant.
 */
import fc from 'fast-check';
import { getAddress } from 'viem';
import { MAX_UINT256 } from '../../src/domain/uniswap-v3/full-math';
import { MAX_SQRT_RATIO, MAX_TICK, MAX_UINT128, MIN_SQRT_RATIO, MIN_TICK } from '../../src/domain/uniswap-v3/tick-math-constants';

// ── EVM words and addresses ──────────────────────────────────────────────────────────────────────────────────────

/** Any uint256. */
export const uint256 = fc.bigInt({ min: 0n, max: MAX_UINT256 });

/** A uint256 that can divide: 1 … 2^256 − 1. */
export const positiveUint256 = fc.bigInt({ min: 1n, max: MAX_UINT256 });

/** The 20 bytes of an address. */
export const addressBytes = fc.uint8Array({ minLength: 20, maxLength: 20 });

/** 32 random bytes: a transaction hash's worth. */
export const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

// ── Token amounts ────────────────────────────────────────────────────────────────────────────────────────────────

/** The decimals an ERC-20 may declare, up to `max` (36 covers every token the codecs accept). */
export const tokenDecimals = (max = 36) => fc.integer({ min: 0, max });

/** A base-unit amount (bigint) from `min` to 2^`bits`. */
export const baseUnits = (bits: number, min = 0n) => fc.bigInt({ min, max: 2n ** BigInt(bits) });

/** A signed base-unit amount from −2^`bits` to 2^`bits` (a balance change, a debt written as negative). */
export const signedBaseUnits = (bits: number) => fc.bigInt({ min: -(2n ** BigInt(bits)), max: 2n ** BigInt(bits) });

/** An amount in base units together with the decimals it is written in. */
export const amountWithDecimals = (options: { readonly bits?: number; readonly maxDecimals?: number; readonly min?: bigint } = {}) =>
  fc.record({ amount: baseUnits(options.bits ?? 200, options.min ?? 0n), decimals: tokenDecimals(options.maxDecimals) });

// ── Uniswap v3 ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Any tick TickMath accepts. */
export const tick = fc.integer({ min: MIN_TICK, max: MAX_TICK });

/** A tick with a next one: MIN_TICK … MAX_TICK − 1. */
export const tickBelowMax = fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 });

/** A position's range: two distinct ticks, lower first. */
export const tickRange = fc
  .tuple(tick, tick)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => (a < b ? ([a, b] as const) : ([b, a] as const)));

/** A pool's sqrtPriceX96 as slot0 can hold it: MIN_SQRT_RATIO … MAX_SQRT_RATIO − 1. */
export const sqrtPriceX96 = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });

/** A sqrt ratio anywhere TickMath allows, both ends included (the delta formulas take either end). */
export const sqrtRatioInclusive = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO });

/** Any uint128 liquidity. */
export const liquidity = fc.bigInt({ min: 0n, max: MAX_UINT128 });

// ── Uniswap v2 ───────────────────────────────────────────────────────────────────────────────────────────────────

/** A pair's reserve: any uint112. */
export const uint112Reserve = fc.bigInt({ min: 0n, max: 2n ** 112n - 1n });

// ── Lending ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** 1e27: Aave's ray. */
export const RAY = 10n ** 27n;

/** An Aave rate per year in ray, from `min` (in ray units) to `maxRays` × 100 %. */
export const rayRate = (maxRays = 10n, min = 0n) => fc.bigInt({ min, max: maxRays * RAY });

/** A collateral's liquidation threshold as a fraction (5 % … 95 %). */
export const liquidationThreshold = fc.double({ min: 0.05, max: 0.95, noNaN: true });

/** A supplied collateral: an amount in whole tokens, its USD price and its liquidation threshold. */
export const collateralHolding = fc.record({
  amount: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
  priceUSD: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  liquidationThreshold,
});

// ── USD ──────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A token price in USD, from a cent to `max`. */
export const priceUSD = (max = 1e5) => fc.double({ min: 0.01, max, noNaN: true });

/** A USD value from `min` to `max` (no NaN, no infinity). */
export const valueUSD = (min = 0, max = 1e7) => fc.double({ min, max, noNaN: true });

// ── Hostile HTTP input (the route fuzz test) ─────────────────────────────────────────────────────────────────────

/** Strings a parser trips on: empty, escapes valid and broken, NUL, prototype keys, numbers as text, huge. */
const awkwardStrings = [
  '', ' ', '%', '%%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F', '%252F', '..', '../..', '\u0000', '\u202e', '\ud800', '😀',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', 'Infinity', '-0', '1e999',
  '0x', '0X', '0x0', '0xzz', 'sei1', 'sei1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq', '[]', '{}', '"', "'", '<script>', '$where', 'a'.repeat(5000),
];

/** Any text a client could send where a string is expected: unicode of every kind, or one of the awkward strings. */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...awkwardStrings),
);

/** Numbers, and the things JSON and query strings carry instead of one. */
export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324),
  fc.constantFrom('1', '1.5', '-1', '1e3', '0x10', ' 1', '1 ', ''),
);

/** An address as a client may type it: checksummed, lower or upper case, `sei1…`, too short or long, not hex at all. */
export const addressLike = fc.oneof(
  addressBytes.map((bytes) => getAddress(`0x${Buffer.from(bytes).toString('hex')}`)),
  addressBytes.map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`),
  addressBytes.map((bytes) => `0x${Buffer.from(bytes).toString('hex').toUpperCase()}`),
  fc.stringMatching(/^sei1[02-9ac-hj-np-z]{38,58}$/),
  fc.stringMatching(/^0x[0-9a-fA-F]{0,39}$/),
  fc.stringMatching(/^0x[0-9a-fA-F]{41,64}$/),
  hostileText,
);

/** JSON values of any shape, with prototype keys among the object keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

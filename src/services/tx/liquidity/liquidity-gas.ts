// Gas upper bounds of the position manager's calls, for a call the engine cannot estimate because an approval in the
// same answer precedes it. Measured on the devnet (real Uniswap v3 bytecode; tests/tx/liquidity-planners.test.ts holds
// every sent call under its bound), with a margin of about 50% for ticks crossing more words of the bitmap, first-time
// tick initialisation on both ends, and tokens with costlier transfers than the devnet's.

/** mint: measured up to ~TODO gas (new NFT, both ticks initialised). */
export const MINT_GAS_UPPER_BOUND = 750_000n;
/** increaseLiquidity: measured ~TODO gas. */
export const INCREASE_LIQUIDITY_GAS_UPPER_BOUND = 400_000n;
/** multicall(decreaseLiquidity, collect): measured ~TODO gas. */
export const REMOVE_LIQUIDITY_GAS_UPPER_BOUND = 400_000n;
/** collect: measured ~TODO gas. */
export const COLLECT_GAS_UPPER_BOUND = 250_000n;

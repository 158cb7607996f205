// Gas upper bounds of the position manager's calls, for a call the engine cannot estimate because an approval in the
// same answer precedes it. Measured on the devnet with the real Uniswap v3 bytecode (tests/tx/tx-liquidity.test.ts
// sends every call with the gas the answer gives, so a bound below the real cost fails that test), with a margin of
// about 50% or more for ticks initialised on both ends, more words of the tick bitmap and costlier token transfers.

/** mint: measured 459,237 gas (a new NFT, both ticks initialised, two ERC-20 transfers in). */
export const MINT_GAS_UPPER_BOUND = 750_000n;
/** increaseLiquidity: measured 171,353 gas (ticks already initialised; a new tick costs no more than in mint). */
export const INCREASE_LIQUIDITY_GAS_UPPER_BOUND = 300_000n;
/** multicall(decreaseLiquidity, collect): measured 194,721 gas. */
export const REMOVE_LIQUIDITY_GAS_UPPER_BOUND = 350_000n;
/** collect: measured 202,864 gas (the burn(0) poke, then two transfers out). */
export const COLLECT_GAS_UPPER_BOUND = 300_000n;

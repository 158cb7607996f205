/**
 * Gas upper bounds of the Yei Pool calls, for when the engine cannot estimate a call because it depends on an
 * approval earlier in the list. Measured on the devnet by tests/tx/lending-planners.test.ts (real Aave v3.0, five
 * reserves, accounts using up to three): at most supply 204k (first supply of a reserve), withdraw 234k, borrow 271k,
 * repay 187k. Set a little above twice that: gas grows with the number of reserves an account uses (the health factor
 * loop runs over each), and a wallet may re-estimate.
 */
export const LENDING_GAS_UPPER_BOUNDS = {
  supply: 450_000n,
  withdraw: 500_000n,
  borrow: 600_000n,
  repay: 450_000n,
} as const;

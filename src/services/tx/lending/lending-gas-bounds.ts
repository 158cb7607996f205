/**
 * Gas upper bounds of the Yei Pool calls, for when the engine cannot estimate a call because it depends on an
 * approval earlier in the list. Measured on the devnet (tests/tx/lending-planners.test.ts prints and checks them:
 * real Aave v3.0 with five reserves, first supply of a reserve being the dearest case) and doubled: gas grows with the
 * number of reserves the account uses (the health factor loop), and a wallet may re-estimate.
 */
export const LENDING_GAS_UPPER_BOUNDS = {
  supply: 500_000n,
  withdraw: 600_000n,
  borrow: 700_000n,
  repay: 500_000n,
} as const;

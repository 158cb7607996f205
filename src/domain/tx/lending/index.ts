export { percentMul, wadDiv, WAD } from './aave-percent-wad-math';
export { accountAfterAction, repaidAmount, type ResolvedLendingAction } from './account-after-action';
export { accountHealthFactor, accountTotals, type AccountTotals } from './account-health-factor';
export type { AccountReserve, LendingAccount } from './lending-account';
export { AAVE_ALL, aaveV3PoolActionAbi, encodeBorrow, encodeRepay, encodeSupply, encodeWithdraw } from './aave-v3-pool-calls';
export { repayToReachHealthFactor, withdrawableAboveHealthFactor } from './amount-for-health-factor';
export { healthFactorWadOf, lendingActionLinks, type LendingActionLink, type LinkToken, type PrepareLink } from './lending-action-links';

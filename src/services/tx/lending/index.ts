// Yei (Aave v3) lending planners: supply, withdraw, borrow, repay.
export type { LendingDeps, LendingPlanner, LendingToken } from './lending-deps';
export { LENDING_GAS_UPPER_BOUNDS } from './lending-gas-bounds';
export type { BorrowRequest, LendingAmount, RepayRequest, SupplyRequest, WithdrawRequest } from './lending-request';
export { planBorrow } from './plan-borrow';
export { planRepay } from './plan-repay';
export { planSupply } from './plan-supply';
export { planWithdraw } from './plan-withdraw';
export type { LendingMarket, LendingMarketRead } from './ports';
export { suggestLendingActions } from './suggest-lending-actions';
export { makeLendingService, type LendingService } from './lending-service';
export { lendingPrepareRoutes, type PrepareFromBody } from './lending-prepare-routes';

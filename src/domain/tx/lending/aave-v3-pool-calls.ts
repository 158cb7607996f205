import { encodeFunctionData, maxUint256, parseAbi, type Address, type Hex } from 'viem';

/** The Aave v3 Pool functions a wallet signs for lending (Yei Finance is an unmodified v3 fork). */
export const aaveV3PoolActionAbi = parseAbi([
  'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  'function withdraw(address asset, uint256 amount, address to) returns (uint256)',
  'function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)',
  'function repay(address asset, uint256 amount, uint256 interestRateMode, address onBehalfOf) returns (uint256)',
]);

/** Aave's "everything" amount for withdraw and repay: type(uint256).max. */
export const AAVE_ALL = maxUint256;
const VARIABLE_RATE = 2n;
const NO_REFERRAL = 0;

/** Pool.supply(asset, amount, onBehalfOf, 0). */
export const encodeSupply = (asset: Address, amount: bigint, onBehalfOf: Address): Hex =>
  encodeFunctionData({ abi: aaveV3PoolActionAbi, functionName: 'supply', args: [asset, amount, onBehalfOf, NO_REFERRAL] });

/** Pool.withdraw(asset, amount, to); AAVE_ALL withdraws the whole balance. */
export const encodeWithdraw = (asset: Address, amount: bigint, to: Address): Hex =>
  encodeFunctionData({ abi: aaveV3PoolActionAbi, functionName: 'withdraw', args: [asset, amount, to] });

/** Pool.borrow(asset, amount, 2 = variable, 0, onBehalfOf). */
export const encodeBorrow = (asset: Address, amount: bigint, onBehalfOf: Address): Hex =>
  encodeFunctionData({ abi: aaveV3PoolActionAbi, functionName: 'borrow', args: [asset, amount, VARIABLE_RATE, NO_REFERRAL, onBehalfOf] });

/** Pool.repay(asset, amount, 2 = variable, onBehalfOf); AAVE_ALL repays the whole debt as it stands when the call runs. */
export const encodeRepay = (asset: Address, amount: bigint, onBehalfOf: Address): Hex =>
  encodeFunctionData({ abi: aaveV3PoolActionAbi, functionName: 'repay', args: [asset, amount, VARIABLE_RATE, onBehalfOf] });

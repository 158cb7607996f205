import { decodeErrorResult, parseAbi, type Hex } from 'viem';
import { sanitizeChainString } from '../tokens/sanitize-chain-string';
import type { SimulationErrorCode } from './action-plan';

/** What a failed call left behind: the revert data when the node returned it, and the node's message. */
export interface RevertEvidence {
  readonly data?: Hex;
  readonly message?: string;
}

/** A failed simulation as API.md reports it: a stable code and a safe, bounded message. */
export interface SimulationError {
  readonly code: SimulationErrorCode;
  readonly message: string;
}

const MAX_MESSAGE_LENGTH = 200;

// Aave v3 (Yei) reverts with Error("<number>"): libraries/helpers/Errors.sol of @aave/core-v3 1.19.
const AAVE_ERRORS: Readonly<Record<string, string>> = {
  '1': 'CALLER_NOT_POOL_ADMIN', '2': 'CALLER_NOT_EMERGENCY_ADMIN', '3': 'CALLER_NOT_POOL_OR_EMERGENCY_ADMIN', '4': 'CALLER_NOT_RISK_OR_POOL_ADMIN',
  '5': 'CALLER_NOT_ASSET_LISTING_OR_POOL_ADMIN', '6': 'CALLER_NOT_BRIDGE', '7': 'ADDRESSES_PROVIDER_NOT_REGISTERED', '8': 'INVALID_ADDRESSES_PROVIDER_ID',
  '9': 'NOT_CONTRACT', '10': 'CALLER_NOT_POOL_CONFIGURATOR', '11': 'CALLER_NOT_ATOKEN', '12': 'INVALID_ADDRESSES_PROVIDER',
  '13': 'INVALID_FLASHLOAN_EXECUTOR_RETURN', '14': 'RESERVE_ALREADY_ADDED', '15': 'NO_MORE_RESERVES_ALLOWED', '16': 'EMODE_CATEGORY_RESERVED',
  '17': 'INVALID_EMODE_CATEGORY_ASSIGNMENT', '18': 'RESERVE_LIQUIDITY_NOT_ZERO', '19': 'FLASHLOAN_PREMIUM_INVALID', '20': 'INVALID_RESERVE_PARAMS',
  '21': 'INVALID_EMODE_CATEGORY_PARAMS', '22': 'BRIDGE_PROTOCOL_FEE_INVALID', '23': 'CALLER_MUST_BE_POOL', '24': 'INVALID_MINT_AMOUNT',
  '25': 'INVALID_BURN_AMOUNT', '26': 'INVALID_AMOUNT', '27': 'RESERVE_INACTIVE', '28': 'RESERVE_FROZEN', '29': 'RESERVE_PAUSED',
  '30': 'BORROWING_NOT_ENABLED', '31': 'STABLE_BORROWING_NOT_ENABLED', '32': 'NOT_ENOUGH_AVAILABLE_USER_BALANCE',
  '33': 'INVALID_INTEREST_RATE_MODE_SELECTED', '34': 'COLLATERAL_BALANCE_IS_ZERO', '35': 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD',
  '36': 'COLLATERAL_CANNOT_COVER_NEW_BORROW', '37': 'COLLATERAL_SAME_AS_BORROWING_CURRENCY', '38': 'AMOUNT_BIGGER_THAN_MAX_LOAN_SIZE_STABLE',
  '39': 'NO_DEBT_OF_SELECTED_TYPE', '40': 'NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF', '41': 'NO_OUTSTANDING_STABLE_DEBT',
  '42': 'NO_OUTSTANDING_VARIABLE_DEBT', '43': 'UNDERLYING_BALANCE_ZERO', '44': 'INTEREST_RATE_REBALANCE_CONDITIONS_NOT_MET',
  '45': 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD', '46': 'COLLATERAL_CANNOT_BE_LIQUIDATED', '47': 'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER',
  '49': 'INCONSISTENT_FLASHLOAN_PARAMS', '50': 'BORROW_CAP_EXCEEDED', '51': 'SUPPLY_CAP_EXCEEDED', '52': 'UNBACKED_MINT_CAP_EXCEEDED',
  '53': 'DEBT_CEILING_EXCEEDED', '54': 'UNDERLYING_CLAIMABLE_RIGHTS_NOT_ZERO', '55': 'STABLE_DEBT_NOT_ZERO', '56': 'VARIABLE_DEBT_SUPPLY_NOT_ZERO',
  '57': 'LTV_VALIDATION_FAILED', '58': 'INCONSISTENT_EMODE_CATEGORY', '59': 'PRICE_ORACLE_SENTINEL_CHECK_FAILED',
  '60': 'ASSET_NOT_BORROWABLE_IN_ISOLATION', '61': 'RESERVE_ALREADY_INITIALIZED', '62': 'USER_IN_ISOLATION_MODE_OR_LTV_ZERO',
  '77': 'ZERO_ADDRESS_NOT_VALID', '80': 'OPERATION_NOT_SUPPORTED', '82': 'ASSET_NOT_LISTED', '89': 'SILOED_BORROWING_VIOLATION', '91': 'FLASHLOAN_DISABLED',
};

/** Aave codes API.md names; every other Aave code is REVERTED with its name. */
const AAVE_CODES: Readonly<Record<string, SimulationErrorCode>> = { '35': 'HEALTH_FACTOR_TOO_LOW', '36': 'INSUFFICIENT_COLLATERAL' };

// Uniswap v3 periphery / SwapRouter02 / NonfungiblePositionManager, and the V2 router's own wording.
const SLIPPAGE_REASONS = ['Too little received', 'Too much requested', 'Price slippage check', 'INSUFFICIENT_OUTPUT_AMOUNT', 'EXCESSIVE_INPUT_AMOUNT'];
// TransferHelper's "STF" (safeTransferFrom failed: the allowance is simulated, so the balance is short) and OpenZeppelin ERC-20s.
const BALANCE_REASONS = [/^STF$/, /exceeds balance/i, /insufficient balance/i];
// The node's own refusal to move more native coin than the sender holds (Hardhat, geth/Sei).
const NATIVE_FUNDS = [/insufficient funds/i, /doesn't have enough funds/i];

const standardErrors = parseAbi(['error Error(string reason)', 'error Panic(uint256 code)', 'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)']);

type Decoded = { readonly kind: 'reason'; readonly reason: string } | { readonly kind: 'other'; readonly description: string };

const decodeData = (data: Hex): Decoded | undefined => {
  if (data === '0x') return undefined;
  try {
    const decoded = decodeErrorResult({ abi: standardErrors, data });
    if (decoded.errorName === 'Error') return { kind: 'reason', reason: decoded.args[0] };
    if (decoded.errorName === 'Panic') return { kind: 'other', description: `panic 0x${decoded.args[0].toString(16)}` };
    return { kind: 'reason', reason: 'ERC20: transfer amount exceeds balance' };
  } catch {
    return { kind: 'other', description: `custom error ${data.slice(0, 10)}` };
  }
};

const safe = (text: string): string => sanitizeChainString(text, MAX_MESSAGE_LENGTH);

const fromReason = (reason: string): SimulationError => {
  const aaveName = AAVE_ERRORS[reason];
  if (aaveName !== undefined) return { code: AAVE_CODES[reason] ?? 'REVERTED', message: `Aave error ${reason}: ${aaveName}` };
  if (SLIPPAGE_REASONS.some((r) => reason.includes(r))) return { code: 'SLIPPAGE', message: safe(reason) };
  if (BALANCE_REASONS.some((r) => r.test(reason))) return { code: 'INSUFFICIENT_BALANCE', message: safe(reason) };
  return { code: 'REVERTED', message: safe(reason) };
};

/**
 * Names a failed call the way API.md does: Aave 35 → HEALTH_FACTOR_TOO_LOW, 36 → INSUFFICIENT_COLLATERAL (other Aave
 * codes REVERTED with their name); Uniswap's slippage checks → SLIPPAGE; "STF", an ERC-20 "exceeds balance" or the
 * node's "insufficient funds" → INSUFFICIENT_BALANCE; anything else REVERTED with the decoded reason.
 */
export const decodeRevert = (evidence: RevertEvidence): SimulationError => {
  const decoded = evidence.data === undefined ? undefined : decodeData(evidence.data);
  if (decoded?.kind === 'reason') return fromReason(decoded.reason);
  const message = evidence.message ?? '';
  if (NATIVE_FUNDS.some((r) => r.test(message))) return { code: 'INSUFFICIENT_BALANCE', message: 'The wallet does not hold enough SEI for the value sent' };
  if (decoded !== undefined) return { code: 'REVERTED', message: safe(`reverted: ${decoded.description}`) };
  return { code: 'REVERTED', message: 'reverted without a reason' };
};

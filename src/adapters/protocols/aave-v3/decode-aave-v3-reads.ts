import { getAddress, isAddress, type Address } from 'viem';

/** Pool.getUserAccountData: base-currency figures (8 decimals), bps, and the wad health factor. */
export interface AaveAccountData {
  readonly totalCollateralBase: bigint;
  readonly totalDebtBase: bigint;
  readonly availableBorrowsBase: bigint;
  readonly currentLiquidationThreshold: bigint;
  readonly ltv: bigint;
  readonly healthFactor: bigint;
}

/** One entry of ProtocolDataProvider.getAllReservesTokens (the symbol is untrusted chain text). */
export interface AaveReserveToken {
  readonly symbol: string;
  readonly asset: Address;
}

/** ProtocolDataProvider.getReserveConfigurationData, the parts the adapter uses. */
export interface AaveReserveConfiguration {
  readonly decimals: number;
  readonly ltv: bigint;
  readonly liquidationThreshold: bigint;
  readonly usageAsCollateralEnabled: boolean;
}

/** ProtocolDataProvider.getReserveData, the rates (ray). */
export interface AaveReserveRates {
  readonly liquidityRate: bigint;
  readonly variableBorrowRate: bigint;
  readonly stableBorrowRate: bigint;
}

/** ProtocolDataProvider.getUserReserveData, the parts the adapter uses. */
export interface AaveUserReserve {
  readonly currentATokenBalance: bigint;
  readonly currentStableDebt: bigint;
  readonly currentVariableDebt: bigint;
  /** The user's own stable rate (ray). */
  readonly stableBorrowRate: bigint;
  readonly usageAsCollateralEnabled: boolean;
}

const tuple = (value: unknown, length: number, what: string): ReadonlyArray<unknown> => {
  if (!Array.isArray(value) || value.length < length) throw new Error(`${what}: unexpected answer (expected ${length} values)`);
  return value;
};

const uint = (values: ReadonlyArray<unknown>, index: number, what: string): bigint => {
  const v = values[index];
  if (typeof v === 'bigint' && v >= 0n) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw new Error(`${what}: value ${index} is not an unsigned integer`);
};

const bool = (values: ReadonlyArray<unknown>, index: number, what: string): boolean => {
  const v = values[index];
  if (typeof v !== 'boolean') throw new Error(`${what}: value ${index} is not a boolean`);
  return v;
};

export const decodeAccountData = (value: unknown): AaveAccountData => {
  const what = 'getUserAccountData';
  const v = tuple(value, 6, what);
  return {
    totalCollateralBase: uint(v, 0, what),
    totalDebtBase: uint(v, 1, what),
    availableBorrowsBase: uint(v, 2, what),
    currentLiquidationThreshold: uint(v, 3, what),
    ltv: uint(v, 4, what),
    healthFactor: uint(v, 5, what),
  };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export const decodeReserveTokens = (value: unknown): ReadonlyArray<AaveReserveToken> => {
  if (!Array.isArray(value)) throw new Error('getAllReservesTokens: unexpected answer (expected a list)');
  return value.map((entry: unknown, i) => {
    if (!isRecord(entry) || typeof entry.symbol !== 'string' || typeof entry.tokenAddress !== 'string' || !isAddress(entry.tokenAddress, { strict: false })) {
      throw new Error(`getAllReservesTokens: entry ${i} is not (symbol, tokenAddress)`);
    }
    return { symbol: entry.symbol, asset: getAddress(entry.tokenAddress) };
  });
};

/** Decimals above 36 are not a real token: refuse them rather than format nonsense. */
const MAX_DECIMALS = 36n;

export const decodeReserveConfiguration = (value: unknown): AaveReserveConfiguration => {
  const what = 'getReserveConfigurationData';
  const v = tuple(value, 10, what);
  const decimals = uint(v, 0, what);
  if (decimals > MAX_DECIMALS) throw new Error(`${what}: implausible decimals ${decimals}`);
  return {
    decimals: Number(decimals),
    ltv: uint(v, 1, what),
    liquidationThreshold: uint(v, 2, what),
    usageAsCollateralEnabled: bool(v, 5, what),
  };
};

export const decodeReserveRates = (value: unknown): AaveReserveRates => {
  const what = 'getReserveData';
  const v = tuple(value, 12, what);
  return { liquidityRate: uint(v, 5, what), variableBorrowRate: uint(v, 6, what), stableBorrowRate: uint(v, 7, what) };
};

export const decodeUserReserve = (value: unknown): AaveUserReserve => {
  const what = 'getUserReserveData';
  const v = tuple(value, 9, what);
  return {
    currentATokenBalance: uint(v, 0, what),
    currentStableDebt: uint(v, 1, what),
    currentVariableDebt: uint(v, 2, what),
    stableBorrowRate: uint(v, 5, what),
    usageAsCollateralEnabled: bool(v, 8, what),
  };
};

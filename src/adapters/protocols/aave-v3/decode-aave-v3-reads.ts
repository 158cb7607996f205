import * as t from 'io-ts';
import { TokenAddressCodec, type TokenAddress } from '../../../domain/address/token-address';
import { AbiDecimals, AbiUint, abiMembers, type DecodedBy } from '../../chain/read-value-codecs';

// The answers of the Aave v3 Pool and ProtocolDataProvider as codecs for decodeReadResult: the members the adapter uses.

/** Pool.getUserAccountData: base-currency figures (8 decimals), bps, and the wad health factor. */
export const AaveAccountDataCodec = abiMembers(6, {
  totalCollateralBase: [0, AbiUint],
  totalDebtBase: [1, AbiUint],
  availableBorrowsBase: [2, AbiUint],
  currentLiquidationThreshold: [3, AbiUint],
  ltv: [4, AbiUint],
  healthFactor: [5, AbiUint],
});
export type AaveAccountData = DecodedBy<typeof AaveAccountDataCodec>;

/** ProtocolDataProvider.getAllReservesTokens (the symbol is untrusted chain text). */
export const AaveReserveTokensCodec = t.readonlyArray(t.type({ symbol: t.string, tokenAddress: TokenAddressCodec }));

/** One reserve of the market: its asset and its (untrusted) symbol. */
export interface AaveReserveToken {
  readonly symbol: string;
  readonly asset: TokenAddress;
}

/** ProtocolDataProvider.getReserveConfigurationData, the parts the adapter uses. */
export const AaveReserveConfigurationCodec = abiMembers(10, {
  decimals: [0, AbiDecimals],
  ltv: [1, AbiUint],
  liquidationThreshold: [2, AbiUint],
  usageAsCollateralEnabled: [5, t.boolean],
});
export type AaveReserveConfiguration = DecodedBy<typeof AaveReserveConfigurationCodec>;

/** ProtocolDataProvider.getReserveData, the rates (ray). */
export const AaveReserveRatesCodec = abiMembers(12, { liquidityRate: [5, AbiUint], variableBorrowRate: [6, AbiUint], stableBorrowRate: [7, AbiUint] });
export type AaveReserveRates = DecodedBy<typeof AaveReserveRatesCodec>;

/** ProtocolDataProvider.getUserReserveData, the parts the adapter uses; stableBorrowRate is the user's own (ray). */
export const AaveUserReserveCodec = abiMembers(9, {
  currentATokenBalance: [0, AbiUint],
  currentStableDebt: [1, AbiUint],
  currentVariableDebt: [2, AbiUint],
  stableBorrowRate: [5, AbiUint],
  usageAsCollateralEnabled: [8, t.boolean],
});
export type AaveUserReserve = DecodedBy<typeof AaveUserReserveCodec>;

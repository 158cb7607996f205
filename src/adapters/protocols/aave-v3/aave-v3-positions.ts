import type { Address } from 'viem';
import type { RegistryToken } from '../../../config/sei-networks';
import { bigintRatioToNumber, formatUnitsExact } from '../../../domain/amounts';
import { tokenAmountOf } from '../../../domain/address/token-amount';
import { rayRateToApyPercent } from '../../../domain/lending';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { TokenRef } from '../../../domain/tokens/token-ref';
import type { UnpricedLendingPosition } from '../protocol-reader';
import type { AaveReserveConfiguration, AaveReserveRates, AaveReserveToken, AaveUserReserve } from './decode-aave-v3-reads';

/** Looks a token up in the registry (any letter case); undefined when the registry does not know it. */
export type KnownToken = (address: Address) => RegistryToken | undefined;

/** Everything read about one reserve for one user, at one block. */
export interface AaveReserveRead {
  readonly token: AaveReserveToken;
  readonly configuration: AaveReserveConfiguration;
  readonly rates: AaveReserveRates;
  readonly user: AaveUserReserve;
}

export interface AavePositionLabels {
  /** Prefix of position ids, e.g. "yei" → "yei:supply:0x…". */
  readonly source: string;
  /** Shown as `platform`, e.g. "Yei Finance". */
  readonly platform: string;
  readonly knownToken: KnownToken;
}

const BPS = 10_000;

/**
 * The positions of one reserve: a `supply` when the aToken balance is positive, a `borrow` when variable + stable debt
 * is positive. Stable and variable debt of the same asset form ONE borrow position whose APY is the amount-weighted
 * mean of the variable APY and the user's own stable APY. Decimals come from the reserve configuration (the chain's
 * truth); symbol, CoinGecko id and stablecoin flag from the registry when it knows the asset, else the data
 * provider's (sanitised) symbol. A supply counts as collateral only when the user enabled it and the reserve's
 * liquidation threshold is not zero; a borrow has `usageAsCollateral: false` and `liquidationThreshold: 0`.
 */
export const aaveReservePositions = (labels: AavePositionLabels, read: AaveReserveRead): ReadonlyArray<UnpricedLendingPosition> => {
  const { asset } = read.token;
  const known = labels.knownToken(asset);
  const decimals = read.configuration.decimals;
  const symbol = known?.symbol ?? (sanitizeChainString(read.token.symbol, MAX_SYMBOL_LENGTH) || '???');
  const tokenRef: TokenRef = { key: asset, address: asset, symbol, decimals, coingeckoId: known?.coingeckoId ?? null };
  const common = { platform: labels.platform, token: asset, tokenSymbol: symbol, tokenRef, isStable: known?.isStable ?? false };
  const amountOf = (raw: bigint) => ({ rawAmount: raw, amount: tokenAmountOf(raw), amountFormatted: formatUnitsExact(raw, decimals) });
  const positions: UnpricedLendingPosition[] = [];

  const supplied = read.user.currentATokenBalance;
  if (supplied > 0n) {
    const liquidationThreshold = Number(read.configuration.liquidationThreshold) / BPS;
    positions.push({
      ...common,
      ...amountOf(supplied),
      id: `${labels.source}:supply:${asset}`,
      type: 'supply',
      apy: rayRateToApyPercent(read.rates.liquidityRate),
      usageAsCollateral: read.user.usageAsCollateralEnabled && read.configuration.liquidationThreshold > 0n,
      liquidationThreshold,
    });
  }

  const { currentVariableDebt: variable, currentStableDebt: stable } = read.user;
  const debt = variable + stable;
  if (debt > 0n) {
    const stableShare = bigintRatioToNumber(stable, debt);
    const apy =
      stable === 0n
        ? rayRateToApyPercent(read.rates.variableBorrowRate)
        : variable === 0n
          ? rayRateToApyPercent(read.user.stableBorrowRate)
          : (1 - stableShare) * rayRateToApyPercent(read.rates.variableBorrowRate) + stableShare * rayRateToApyPercent(read.user.stableBorrowRate);
    positions.push({
      ...common,
      ...amountOf(debt),
      id: `${labels.source}:borrow:${asset}`,
      type: 'borrow',
      apy,
      usageAsCollateral: false,
      liquidationThreshold: 0,
    });
  }
  return positions;
};

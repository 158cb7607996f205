import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import { erc20Abi, getAddress, type Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { AccountReserve } from '../../../domain/tx/lending';
import type { LendingMarket, LendingMarketQuery, LendingMarketRead } from '../../../services/tx/lending/ports';
import type { SeiClient } from '../../chain/make-sei-client';
import { AbiUint } from '../../chain/read-value-codecs';
import { aaveV3OracleAbi, aaveV3ProtocolDataProviderAbi } from './aave-v3-abis';
import { decodeReadResult } from '../../chain/decode-read-result';
import { AaveReserveConfigurationCodec, AaveReserveRatesCodec, AaveReserveTokensCodec, AaveUserReserveCodec } from './decode-aave-v3-reads';

export interface AaveV3LendingMarketOptions {
  readonly client: SeiClient;
  readonly multicallAddress: Address;
  /** The registry's `protocols.yei` (the oracle is required: prices are read from it at the plan's block). */
  readonly addresses: { readonly pool: string; readonly protocolDataProvider: string; readonly oracle: string };
  /** How long the reserve list is trusted before it is read again. Default 10 minutes. */
  readonly reserveListTtlMs?: number;
  readonly now?: () => number;
}

const DEFAULT_RESERVE_LIST_TTL_MS = 10 * 60 * 1000;
const READS_PER_RESERVE = 4;

/** A multicall answer (allowFailure: false) through decodeReadResult; a wrong shape throws, which `read` turns into its error. */
const decoded =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (value: unknown): A =>
    pipe(
      decodeReadResult(codec, what)({ ok: true, value }),
      E.getOrElse((error): A => {
        throw error;
      }),
    );

const asUint = (value: unknown, what: string): bigint => decoded(AbiUint, what)(value);
const decodeReserveTokens = decoded(AaveReserveTokensCodec, 'getAllReservesTokens');
const decodeUserReserve = decoded(AaveUserReserveCodec, 'getUserReserveData');
const decodeReserveConfiguration = decoded(AaveReserveConfigurationCodec, 'getReserveConfigurationData');
const decodeReserveRates = decoded(AaveReserveRatesCodec, 'getReserveData');

/**
 * The Yei market for the lending planners. One multicall at the plan's block reads, per reserve,
 * getUserReserveData, getReserveConfigurationData, getDebtCeiling and getReserveData (the variable rate), then AaveOracle.getAssetsPrices of them all and
 * the balance asked for (if any); the reserve list comes from getAllReservesTokens, memoised for `reserveListTtlMs`
 * (so a warm read is one HTTP request, a cold one two).
 */
export const makeAaveV3LendingMarket = (options: AaveV3LendingMarketOptions): LendingMarket => {
  const { client, multicallAddress } = options;
  const pool = getAddress(options.addresses.pool);
  const dataProvider = getAddress(options.addresses.protocolDataProvider);
  const oracle = getAddress(options.addresses.oracle);
  const ttl = options.reserveListTtlMs ?? DEFAULT_RESERVE_LIST_TTL_MS;
  const now = options.now ?? Date.now;
  let reserveList: { readonly assets: ReadonlyArray<Address>; readonly readAt: number } | undefined;

  const readReserveList = async (blockNumber: bigint | undefined): Promise<ReadonlyArray<Address>> => {
    if (reserveList !== undefined && now() - reserveList.readAt < ttl) return reserveList.assets;
    const tokens = await client.readContract({ address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getAllReservesTokens', blockNumber });
    const assets = decodeReserveTokens(tokens).map((entry) => entry.tokenAddress);
    reserveList = { assets, readAt: now() };
    return assets;
  };

  const readAt = async (q: LendingMarketQuery): Promise<LendingMarketRead> => {
    const assets = await readReserveList(q.blockNumber);
    const balanceOf = q.balanceOf;
    const readsBalance = balanceOf !== undefined && assets.some((a) => a.toLowerCase() === balanceOf.asset.toLowerCase());
    const perReserve = assets.flatMap((asset) => [
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getUserReserveData', args: [asset, q.user] } as const,
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getReserveConfigurationData', args: [asset] } as const,
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getDebtCeiling', args: [asset] } as const,
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getReserveData', args: [asset] } as const,
    ]);
    const prices = { address: oracle, abi: aaveV3OracleAbi, functionName: 'getAssetsPrices', args: [assets] } as const;
    const balance = readsBalance ? [{ address: balanceOf.asset, abi: erc20Abi, functionName: 'balanceOf', args: [balanceOf.holder] } as const] : [];
    const results: ReadonlyArray<unknown> = await client.multicall({
      contracts: [...perReserve, prices, ...balance],
      allowFailure: false,
      multicallAddress,
      batchSize: 0,
      blockNumber: q.blockNumber,
    });
    const priceList = results[assets.length * READS_PER_RESERVE];
    if (!Array.isArray(priceList) || priceList.length !== assets.length) throw new Error('AaveOracle.getAssetsPrices: unexpected answer');
    const account = assets.map((asset, i): AccountReserve => {
      const user = decodeUserReserve(results[i * READS_PER_RESERVE]);
      const configuration = decodeReserveConfiguration(results[i * READS_PER_RESERVE + 1]);
      return {
        asset,
        decimals: configuration.decimals,
        price: asUint(priceList[i], 'AaveOracle.getAssetsPrices'),
        ltvBps: configuration.ltv,
        liquidationThresholdBps: configuration.liquidationThreshold,
        debtCeiling: asUint(results[i * READS_PER_RESERVE + 2], 'getDebtCeiling'),
        supplied: user.currentATokenBalance,
        variableDebt: user.currentVariableDebt,
        stableDebt: user.currentStableDebt,
        isCollateral: user.usageAsCollateralEnabled,
        variableBorrowRateRay: decodeReserveRates(results[i * READS_PER_RESERVE + 3]).variableBorrowRate,
      };
    });
    return { account, holderBalance: readsBalance ? asUint(results[results.length - 1], 'balanceOf') : 0n };
  };

  return {
    pool,
    read: (q) =>
      TE.tryCatch(
        () => readAt(q),
        (cause): AppError => ({ _tag: 'RpcUnavailable', cause }),
      ),
  };
};

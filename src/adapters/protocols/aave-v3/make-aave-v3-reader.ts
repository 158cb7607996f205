import * as A from 'fp-ts/Array';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { sequenceS } from 'fp-ts/Apply';
import { getAddress, type Address } from 'viem';
import { healthFactorFromWad } from '../../../domain/lending';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { ReadWarning } from '../../../domain/tokens/token-holding';
import { decodeReadResult } from '../../chain/decode-read-result';
import { done, readThen, stepOf, type ContractRead, type ReadResult, type ReadStep } from '../../chain/read-plan';
import type { PositionsRead, ProtocolReader, UnpricedLendingPosition } from '../protocol-reader';
import { aaveV3PoolAbi, aaveV3ProtocolDataProviderAbi } from './aave-v3-abis';
import { aaveReservePositions, type AavePositionLabels, type AaveReserveRead, type KnownToken } from './aave-v3-positions';
import {
  AaveAccountDataCodec,
  AaveReserveConfigurationCodec,
  AaveReserveRatesCodec,
  AaveReserveTokensCodec,
  AaveUserReserveCodec,
  type AaveAccountData,
  type AaveReserveToken,
} from './decode-aave-v3-reads';

export interface AaveV3ReaderOptions {
  /** The market's Pool and AaveProtocolDataProvider (the registry's `protocols.yei`). */
  readonly addresses: { readonly pool: string; readonly protocolDataProvider: string };
  readonly knownToken: KnownToken;
  /** Shown as each position's `platform`, e.g. "Yei Finance". */
  readonly platform: string;
  /** Names this adapter in warnings and prefixes position ids. Default "yei". */
  readonly source?: string;
  /** How long the reserve list is trusted before it is read again. Default 10 minutes. */
  readonly reserveListTtlMs?: number;
  /** The clock, for tests. Default Date.now. */
  readonly now?: () => number;
}

export const DEFAULT_RESERVE_LIST_TTL_MS = 10 * 60 * 1000;

/** Reads per reserve, in this order: getUserReserveData, getReserveData, getReserveConfigurationData. */
const READS_PER_RESERVE = 3;

/**
 * The Aave v3 lending adapter (Yei Finance on Sei). Cold, it takes two rounds: (1) Pool.getUserAccountData and
 * ProtocolDataProvider.getAllReservesTokens, (2) per reserve getUserReserveData, getReserveData and
 * getReserveConfigurationData. The reserve list is then memoised for `reserveListTtlMs`, and a warm read puts the
 * account data and every per-reserve read in ONE round. The number of rounds never depends on the number of reserves.
 * The plan fails (the engine makes it this source's warning) when the Pool or the data provider does not answer;
 * a single reserve that cannot be read is a warning next to the other reserves' positions.
 */
export const makeAaveV3Reader = (options: AaveV3ReaderOptions): ProtocolReader => {
  const pool = getAddress(options.addresses.pool);
  const dataProvider = getAddress(options.addresses.protocolDataProvider);
  const source = options.source ?? 'yei';
  const ttl = options.reserveListTtlMs ?? DEFAULT_RESERVE_LIST_TTL_MS;
  const now = options.now ?? Date.now;
  const labels: AavePositionLabels = { source, platform: options.platform, knownToken: options.knownToken };
  let reserveList: { readonly reserves: ReadonlyArray<AaveReserveToken>; readonly readAt: number } | undefined;

  const accountRead = (wallet: Address): ContractRead => ({ address: pool, abi: aaveV3PoolAbi, functionName: 'getUserAccountData', args: [wallet] });
  const listRead: ContractRead = { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getAllReservesTokens' };
  const reserveReads = (reserves: ReadonlyArray<AaveReserveToken>, wallet: Address): ReadonlyArray<ContractRead> =>
    reserves.flatMap(({ asset }): ReadonlyArray<ContractRead> => [
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getUserReserveData', args: [asset, wallet] },
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getReserveData', args: [asset] },
      { address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getReserveConfigurationData', args: [asset] },
    ]);

  const decodeAccount = decodeReadResult(AaveAccountDataCodec, `${options.platform} Pool.getUserAccountData at ${pool}`);
  const decodeReserves = (result: ReadResult | undefined): E.Either<Error, ReadonlyArray<AaveReserveToken>> =>
    pipe(
      decodeReadResult(AaveReserveTokensCodec, `${options.platform} ProtocolDataProvider.getAllReservesTokens at ${dataProvider}`)(result),
      E.map((entries) => entries.map(({ symbol, tokenAddress }) => ({ symbol, asset: tokenAddress }))),
    );

  /** One reserve's three reads (laid out as reserveReads does), decoded. */
  const decodeReserve = (token: AaveReserveToken, results: ReadonlyArray<ReadResult>): E.Either<Error, AaveReserveRead> =>
    sequenceS(E.Apply)({
      token: E.right(token),
      user: decodeReadResult(AaveUserReserveCodec, 'getUserReserveData')(results[0]),
      rates: decodeReadResult(AaveReserveRatesCodec, 'getReserveData')(results[1]),
      configuration: decodeReadResult(AaveReserveConfigurationCodec, 'getReserveConfigurationData')(results[2]),
    });

  const reserveWarning = (token: AaveReserveToken, cause: Error): ReadWarning => {
    const label = options.knownToken(token.asset)?.symbol ?? (sanitizeChainString(token.symbol, MAX_SYMBOL_LENGTH) || token.asset);
    return { source: `${source}:${label}`, message: `${options.platform} reserve ${label} could not be read (${cause.message})` };
  };

  const finish = (account: AaveAccountData, reserves: ReadonlyArray<AaveReserveToken>, results: ReadonlyArray<ReadResult>): ReadStep<PositionsRead> => {
    const decoded = reserves.map((token, i) =>
      pipe(
        decodeReserve(token, results.slice(i * READS_PER_RESERVE, (i + 1) * READS_PER_RESERVE)),
        E.mapLeft((cause) => reserveWarning(token, cause)),
      ),
    );
    const { left: warnings, right: reads } = A.separate(decoded);
    if (reserves.length > 0 && reads.length === 0) {
      reserveList = undefined;
      return { failed: new Error(`${options.platform} ProtocolDataProvider at ${dataProvider} answered none of its ${reserves.length} reserves' reads`) };
    }
    const lending: ReadonlyArray<UnpricedLendingPosition> = reads.flatMap((read) => aaveReservePositions(labels, read));
    // No debt is null whatever the pool's sentinel looks like: never Infinity, never a huge number from dust rounding.
    const healthFactor = account.totalDebtBase === 0n ? null : healthFactorFromWad(account.healthFactor);
    return done({ lending: [...lending], liquidity: [], healthFactor, warnings });
  };

  const plan = (wallet: Address) => {
    const cached = reserveList !== undefined && now() - reserveList.readAt < ttl ? reserveList.reserves : undefined;
    if (cached !== undefined) {
      return {
        source,
        start: readThen([accountRead(wallet), ...reserveReads(cached, wallet)], (results) =>
          stepOf(pipe(decodeAccount(results[0]), E.map((account) => finish(account, cached, results.slice(1))))),
        ),
      };
    }
    return {
      source,
      start: readThen([accountRead(wallet), listRead], (first) =>
        stepOf(
          pipe(
            sequenceS(E.Apply)({ account: decodeAccount(first[0]), reserves: decodeReserves(first[1]) }),
            E.map(({ account, reserves }): ReadStep<PositionsRead> => {
              reserveList = { reserves, readAt: now() };
              if (reserves.length === 0) return finish(account, [], []);
              return readThen(reserveReads(reserves, wallet), (second) => finish(account, reserves, second));
            }),
          ),
        ),
      ),
    };
  };

  return { source, plan };
};

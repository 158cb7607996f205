import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { ReadOutcome } from '../../adapters/chain/execute-read-plans';
import type { WalletReadHint } from '../../adapters/chain/lens/portfolio-lens-request';
import type { ReadPlan } from '../../adapters/chain/read-plan';
import type { ProtocolReader } from '../../adapters/protocols/protocol-reader';
import type { Registry } from '../../config/registry';
import type { AppError } from '../../domain/app-error';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { Cache } from '../../infra/cache/cache';
import type { SnapshotsRepository } from '../../infra/db/snapshots-repository';
import type { Lock } from '../../infra/lock/lock';
import type { Logger } from '../../infra/logging/logger';
import type { PriceFeed } from '../pricing/price-feed';

/** Everything the portfolio use-cases need, filled by main.ts. */
export interface PortfolioDeps {
  readonly registry: Registry;
  readonly multicallAddress: Address;
  /**
   * Runs read plans at one block. `wallet` names the wallet and the tokens the plans read, so that the whole wallet
   * can be read in one request (the deployless PortfolioLens) rather than in rounds; the results are the same.
   */
  readonly readChain: <A>(plans: ReadonlyArray<ReadPlan<A>>, wallet?: WalletReadHint) => TE.TaskEither<AppError, ReadOutcome<A>>;
  /** The lending and liquidity adapters enabled by the registry; each joins the same read rounds. */
  readonly protocolReaders: ReadonlyArray<ProtocolReader>;
  readonly resolveSeiAddress: (bech32: string) => TE.TaskEither<AppError, Address>;
  readonly priceFeed: PriceFeed;
  readonly cache: Cache;
  readonly lock: Lock;
  readonly snapshots: SnapshotsRepository;
  readonly logger: Logger;
  readonly portfolioTtlSeconds: number;
  readonly snapshotMinIntervalSeconds: number;
  readonly maxExtraTokens: number;
  readonly now: () => Date;
  /** Called after every fresh chain read (realtime push and alert evaluation hang off it). */
  readonly onFreshRead: (portfolio: Portfolio, previous: Portfolio | null) => void;
}

import type { Registry } from '../../config/registry';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { Cache } from '../ports/cache';
import type { Logger } from '../ports/logger';
import type { PriceFeed } from '../pricing/price-feed';
import type { Lock, ResolveSeiAddress, SnapshotsRepository, WalletChainReader } from './ports';

/** Everything the portfolio use-cases need, filled by src/composition/portfolio.ts. */
export interface PortfolioDeps {
  readonly registry: Registry;
  /** Every balance and position of a wallet at one block (one request with the lens, else a few rounds). */
  readonly chain: WalletChainReader;
  readonly resolveSeiAddress: ResolveSeiAddress;
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

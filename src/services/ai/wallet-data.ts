import type * as TE from 'fp-ts/TaskEither';
import type { Registry } from '../../config/registry';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { PerformanceFigures } from '../../domain/ai/portfolio-figures';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { LendingActionLink } from '../../domain/tx/lending';
import type { PreparedTransactions } from '../../domain/tx/prepared-transactions';
import type { HistoryPoint, HistoryRange } from '../portfolio/portfolio-history';
import type { PriceFeed } from '../pricing/price-feed';

/** The read-only data the AI features ground their answers in, always for one wallet at a time. Filled by src/composition/ai.ts. */
export interface WalletData {
  readonly getPortfolio: (wallet: WalletAddress) => TE.TaskEither<AppError, Portfolio>;
  readonly getPerformance: (wallet: WalletAddress, range: HistoryRange) => TE.TaskEither<AppError, PerformanceFigures>;
  readonly getHistory: (wallet: WalletAddress, range: HistoryRange) => TE.TaskEither<AppError, { readonly range: HistoryRange; readonly points: ReadonlyArray<HistoryPoint> }>;
  readonly priceFeed: PriceFeed;
  readonly registry: Pick<Registry, 'tokens' | 'nativeCoingeckoId'>;
  /** The lending actions backed by a prepare link for the wallet at a health factor target (wad); absent without a lending market. */
  readonly lendingActions?: (wallet: WalletAddress, targetHealthFactorWad: bigint) => TE.TaskEither<AppError, ReadonlyArray<LendingActionLink>>;
  /** The prepare routes by path (API.md "Transactions"): decode the body, prepare and simulate; never sign or send. */
  readonly prepareRoutes?: Readonly<Record<string, (wallet: WalletAddress, body: unknown) => TE.TaskEither<AppError, PreparedTransactions>>>;
}

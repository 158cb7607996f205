import type { KnownContracts } from '../../../domain/tx/track/decode-tracked-action';
import type { TrackingSettings } from '../../../domain/tx/track/next-tracking-step';
import type { Logger } from '../../ports/logger';
import type { AnnounceDeps } from './announce-final-status';
import type { TrackedTransactionStore, TxObserver } from './ports';

/** What moves a tracked transaction to its next state, on `POST /api/tx/track` and in the follower's rounds. */
export interface TrackingDeps extends AnnounceDeps {
  readonly store: TrackedTransactionStore;
  readonly observer: TxObserver;
  readonly settings: TrackingSettings;
  readonly known: KnownContracts;
  /** A wallet's pending tracked transactions at most: one more is 409 CONFLICT. */
  readonly maxPendingPerWallet: number;
  readonly logger: Logger;
  readonly now: () => Date;
}

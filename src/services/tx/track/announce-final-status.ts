import * as E from 'fp-ts/Either';
import type { WalletAddress } from '../../../domain/address/wallet-address';
import type { TxHash } from '../../../domain/address/tx-hash';
import type { Logger } from '../../ports/logger';
import type { FinalStep, TrackedStatusSink } from './ports';

export interface AnnounceDeps {
  readonly sink: TrackedStatusSink;
  readonly logger: Logger;
  /** Counted once per `transaction_update` pushed (tx_tracked_updates_total). */
  readonly onPushed: (status: FinalStep['status']) => void;
}

/**
 * Tells the wallet's signed-in sockets that a tracked transaction reached its final status, then, when it landed
 * (confirmed or failed: gas was spent), re-reads the wallet's portfolio in the background; returns that re-read.
 */
export const announceFinalStatus = (deps: AnnounceDeps, wallet: WalletAddress, hash: TxHash, step: FinalStep): Promise<void> => {
  deps.sink.push(wallet, {
    hash,
    status: step.status,
    ...(step.blockNumber === null ? {} : { blockNumber: Number(step.blockNumber) }),
    ...(step.action === null ? {} : { action: step.action }),
  });
  deps.onPushed(step.status);
  if (step.status === 'dropped') return Promise.resolve();
  return deps.sink
    .refreshPortfolio(wallet)()
    .then((result) => {
      if (E.isLeft(result)) deps.logger.warn('portfolio not re-read after a tracked transaction landed', { wallet, hash, cause: result.left });
    });
};

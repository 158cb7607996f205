import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../../domain/app-error';
import type { WalletAddress } from '../../../domain/address/wallet-address';
import { nextTrackingStep, type TrackingState } from '../../../domain/tx/track/next-tracking-step';
import type { TrackedStatus } from '../../../domain/tx/track/tracked-transaction';
import type { TxHash } from '../../../domain/address/tx-hash';
import { announceFinalStatus } from './announce-final-status';
import type { WaitStep } from './ports';
import type { TrackingDeps } from './tracking-deps';

/** Before the first look at the node. */
const untracked = (wallet: WalletAddress): TrackingState => ({ wallet, attempts: 0, missingSince: null, from: null, to: null, action: null });

/** When the node cannot be asked now: pending, checked by the follower at once, ownership checked then. */
const checkAtOnce = (now: Date): WaitStep => ({ kind: 'wait', from: null, to: null, action: null, attempts: 0, nextCheckAt: now, missingSince: null });

/**
 * `POST /api/tx/track`: follows `hash` for the wallet. Already tracked: its current status (idempotent). Otherwise one
 * look at the node decides: another wallet's transaction → 403 NOT_OWNER and nothing stored; already landed → stored
 * with its final status, announced and answered; else stored pending for the follower (also when the node is down),
 * unless the wallet already has its most pending transactions (409 CONFLICT).
 */
export const trackTransaction =
  (deps: TrackingDeps) =>
  (wallet: WalletAddress, hash: TxHash): TE.TaskEither<AppError, { readonly hash: TxHash; readonly status: TrackedStatus }> =>
    pipe(
      deps.store.find(wallet, hash),
      TE.flatMap((existing) => {
        if (existing !== undefined) return TE.right({ hash, status: existing.status });
        const now = deps.now();
        return pipe(
          deps.observer.observe([hash]),
          TE.map((seen) => nextTrackingStep(untracked(wallet), seen.get(hash) ?? { kind: 'unknown' }, now, deps.settings, deps.known)),
          TE.orElseW((cause) => {
            deps.logger.warn('tracked transaction not checked at once: the follower will', { hash, cause });
            return TE.right(checkAtOnce(now));
          }),
          TE.flatMap((step) => {
            if (step.kind === 'not_owner') return TE.left<AppError>({ _tag: 'NotOwner', resource: 'transaction' });
            return pipe(
              deps.store.insert({ wallet, hash, step, now }, deps.maxPendingPerWallet),
              TE.tap(({ row, created }) => {
                if (created && step.kind === 'final') void announceFinalStatus(deps, wallet, hash, step);
                return TE.right(row);
              }),
              TE.map(({ row }) => ({ hash, status: row.status })),
            );
          }),
        );
      }),
    );

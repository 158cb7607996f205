import { Router } from 'express';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { ErasedCounts } from '../../services/account/wallet-data-store';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';

export interface AccountRouteDeps {
  readonly auth: AccessTokenVerifier;
  readonly eraseAccountData: (wallet: WalletAddress) => TE.TaskEither<AppError, { readonly erased: ErasedCounts }>;
}

/** `DELETE /me/data`: erases everything the signed-in wallet owns and ends all its sessions. Mounted under /api. */
export const accountRoutes = (deps: AccountRouteDeps): Router => {
  const router = Router();
  router.delete('/me/data', requireAuth(deps.auth), (_req, res) => respond(res, deps.eraseAccountData(authedWallet(res))));
  return router;
};

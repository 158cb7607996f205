import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import { findRegistryToken, type Registry } from '../../config/registry';
import type { RegistryToken } from '../../config/sei-networks';
import type { AppError } from '../../domain/app-error';

/**
 * The registry token at `address`, or 422 UNKNOWN_ASSET: the one check every planner makes on the tokens a body names
 * (after the 400 of the codecs, before any ownership 403 or chain read).
 */
export const registryAsset =
  (registry: Pick<Registry, 'tokens'>) =>
  (address: Address): TE.TaskEither<AppError, RegistryToken> => {
    const token = findRegistryToken(registry, address);
    return token === undefined
      ? TE.left({ _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET', message: `${address} is not a token of the registry` })
      : TE.right(token);
  };

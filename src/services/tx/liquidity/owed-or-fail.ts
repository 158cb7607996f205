import * as E from 'fp-ts/Either';
import type { AppError } from '../../../domain/app-error';
import type { PairAmounts, PositionAtBlock } from './ports';

/** What collect pays the owner; its simulation cannot revert for the owner, so a null here is a bad chain answer. */
export const owedOrFail = (position: PositionAtBlock): E.Either<AppError, PairAmounts> =>
  position.owed === null
    ? E.left({ _tag: 'UpstreamBadResponse', service: 'Sei RPC', cause: new Error(`collect of position #${position.tokenId} could not be simulated as its owner`) })
    : E.right(position.owed);

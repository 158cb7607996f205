import type * as TE from 'fp-ts/TaskEither';
import type { Hex } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';

export interface SignatureCheck {
  readonly message: string;
  readonly signature: Hex;
  readonly address: WalletAddress;
}

/**
 * True when `address` signed `message` (EOA or contract wallet); an error only when the chain could not be asked.
 * Filled by adapters/chain/siwe-signature-verifier.ts.
 */
export type SignatureVerifier = (check: SignatureCheck) => TE.TaskEither<AppError, boolean>;

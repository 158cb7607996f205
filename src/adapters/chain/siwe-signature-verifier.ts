import * as TE from 'fp-ts/TaskEither';
import { isAddressEqual, recoverMessageAddress, type Hex, type PublicClient } from 'viem';
import { verifySiweMessage } from 'viem/siwe';
import type { AppError } from '../../domain/app-error';
import type { SignatureCheck, SignatureVerifier } from '../../services/auth/ports';
import type { Logger } from '../../services/ports/logger';

class VerificationTimeout extends Error {}

const withTimeout = <A>(promise: Promise<A>, ms: number): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VerificationTimeout(`signature verification took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const recoversTo = async (check: SignatureCheck): Promise<boolean> => {
  try {
    return isAddressEqual(await recoverMessageAddress({ message: check.message, signature: check.signature }), check.address);
  } catch {
    return false;
  }
};

/** A plain ECDSA signature (r, s, v): 65 bytes. Contract wallets may use anything else (ERC-6492 / ERC-8010 wrappers). */
const isPlainEcdsa = (signature: Hex): boolean => signature.length === 2 + 65 * 2;

/**
 * EIP-191 signatures of externally owned accounts are checked locally (ecrecover), with no RPC at all. Otherwise the
 * chain decides: an address without code that sent a plain 65-byte signature is an EOA whose signature is wrong;
 * anything else may be a contract wallet and is checked with viem's verifySiweMessage (ERC-1271, and ERC-6492 for
 * wallets not deployed yet). Every RPC step is bounded by `timeoutMs`; an RPC failure is RpcUnavailable (503) or
 * Timeout, never "bad signature", because viem's own check cannot tell an outage from a refusal.
 */
export const makeSiweSignatureVerifier = (client: PublicClient, timeoutMs: number, logger: Logger): SignatureVerifier => (check) =>
  TE.tryCatch(
    async () => {
      if (await recoversTo(check)) return true;
      const code = await withTimeout(client.getCode({ address: check.address }), timeoutMs);
      if ((code === undefined || code === '0x') && isPlainEcdsa(check.signature)) return false;
      return withTimeout(verifySiweMessage(client, { message: check.message, signature: check.signature, address: check.address }), timeoutMs);
    },
    (cause): AppError => {
      logger.warn('signature check needs the chain, which is unreachable or too slow', { address: check.address, cause });
      return cause instanceof VerificationTimeout ? { _tag: 'Timeout', operation: 'signature verification' } : { _tag: 'RpcUnavailable', cause };
    },
  );

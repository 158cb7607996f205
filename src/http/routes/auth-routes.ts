import { Router } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { describeCodec } from '../../domain/codecs/describe-codec';
import type { Hex } from 'viem';
import type { AuthService } from '../../services/auth/auth-service';
import { MAX_SIWE_MESSAGE_LENGTH } from '../../services/auth/check-siwe-message';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedSession, requireAuth } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

/** Longest signature accepted: 65 bytes for a wallet key, more for ERC-1271 / ERC-6492 contract wallets. */
const MAX_SIGNATURE_BYTES = 8192;
const SIGNATURE = new RegExp(`^0x(?:[0-9a-fA-F]{2}){1,${MAX_SIGNATURE_BYTES}}$`);

const isSignature = (u: unknown): u is Hex => typeof u === 'string' && SIGNATURE.test(u);

const SignatureCodec = describeCodec(
  new t.Type<Hex, string, unknown>(
  `0x-prefixed hex signature of at most ${MAX_SIGNATURE_BYTES} bytes`,
  isSignature,
  (u, c) => (isSignature(u) ? t.success(u) : t.failure(u, c)),
  (h) => h,
  ),
  { type: 'string', pattern: `^0x([0-9a-fA-F]{2}){1,${MAX_SIGNATURE_BYTES}}$` },
);

const MessageCodec = t.refinement(t.string, (s) => s.length > 0 && s.length <= MAX_SIWE_MESSAGE_LENGTH, `EIP-4361 message of at most ${MAX_SIWE_MESSAGE_LENGTH} characters`);

/** `POST /auth/verify` body; unknown keys are stripped. */
export const VerifyBody = t.exact(t.type({ message: MessageCodec, signature: SignatureCodec }));

/** Sign-In with Ethereum: nonce, verify (→ token), me, logout. Mounted under /api. */
export const authRoutes = (auth: AuthService): Router => {
  const router = Router();
  const signedIn = requireAuth(auth);

  router.get('/auth/nonce', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    return respond(res, auth.issueNonce());
  });

  router.post('/auth/verify', (req, res) => {
    const body = decodePart('body', VerifyBody, req.body);
    if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
    res.setHeader('Cache-Control', 'no-store');
    return respond(res, auth.signIn(body.right));
  });

  router.get('/auth/me', signedIn, (_req, res) => {
    const session = authedSession(res);
    return respond(res, TE.right({ address: session.wallet, expiresAt: session.expiresAt.toISOString() }));
  });

  router.post('/auth/logout', signedIn, (_req, res) =>
    respond(
      res,
      pipe(
        auth.logout(authedSession(res)),
        TE.map(() => ({ loggedOut: true })),
      ),
    ),
  );

  return router;
};

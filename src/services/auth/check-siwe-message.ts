import * as E from 'fp-ts/Either';
import { parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import type { AppError } from '../../domain/app-error';
import { WalletAddressCodec, type WalletAddress } from '../../domain/address/wallet-address';
import { authError } from './auth-errors';
import { isCanonicalSiweMessage } from './is-canonical-siwe-message';
import type { ChainId } from '../../domain/address/chain-id';

/** What this server expects of every SIWE message (from config). */
export interface SiweExpectations {
  /** host[:port], compared case-insensitively. */
  readonly domain: string;
  /** The origin (scheme://host[:port]) the message URI must have. */
  readonly uri: string;
  readonly chainId: ChainId;
  /** Oldest accepted `Issued At`, in seconds before now. */
  readonly maxAgeSeconds: number;
}

/** The fields a checked message vouches for. */
export interface CheckedSiweMessage {
  readonly address: WalletAddress;
  readonly nonce: string;
  readonly issuedAt: Date;
}

export const MAX_SIWE_MESSAGE_LENGTH = 4096;
export const MAX_SIWE_STATEMENT_LENGTH = 512;
export const MAX_SIWE_RESOURCES = 10;
const MAX_NONCE_LENGTH = 64;
/** Clocks of wallets and servers disagree a little: an `Issued At` or `Not Before` this far ahead is still accepted. */
export const SIWE_CLOCK_SKEW_SECONDS = 30;

const malformed = (why: string): AppError => authError('SIWE_INVALID_MESSAGE', `The sign-in message is not a valid EIP-4361 message: ${why}`);

const isValidDate = (d: Date | undefined): d is Date => d !== undefined && !Number.isNaN(d.getTime());

const originOf = (uri: string): string | undefined => {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
};

/**
 * Checks everything of a SIWE message that does not need the nonce store or the chain, in the order a client can act
 * on: shape and limits, then domain, uri, chain id, then the time window. viem's validateSiweMessage covers version,
 * nonce shape, address and expiry/not-before; domain-vs-config, uri, chain id and the age of `Issued At` are ours.
 */
export const checkSiweMessage = (message: string, expected: SiweExpectations, now: Date): E.Either<AppError, CheckedSiweMessage> => {
  if (message.length > MAX_SIWE_MESSAGE_LENGTH) return E.left(malformed(`longer than ${MAX_SIWE_MESSAGE_LENGTH} characters`));
  const m = parseSiweMessage(message);
  if (m.domain === undefined || m.address === undefined || m.uri === undefined || m.version === undefined || m.chainId === undefined || m.nonce === undefined) {
    return E.left(malformed('a required field is missing'));
  }
  if (m.version !== '1') return E.left(malformed('version must be 1'));
  if (m.nonce.length > MAX_NONCE_LENGTH) return E.left(malformed('nonce too long'));
  if ((m.statement?.length ?? 0) > MAX_SIWE_STATEMENT_LENGTH) return E.left(malformed(`statement longer than ${MAX_SIWE_STATEMENT_LENGTH} characters`));
  if ((m.resources?.length ?? 0) > MAX_SIWE_RESOURCES) return E.left(malformed(`more than ${MAX_SIWE_RESOURCES} resources`));
  if (!isValidDate(m.issuedAt)) return E.left(malformed('Issued At is missing or not an RFC 3339 date-time'));
  if (m.expirationTime !== undefined && !isValidDate(m.expirationTime)) return E.left(malformed('Expiration Time is not an RFC 3339 date-time'));
  if (m.notBefore !== undefined && !isValidDate(m.notBefore)) return E.left(malformed('Not Before is not an RFC 3339 date-time'));
  const address = WalletAddressCodec.decode(m.address);
  if (E.isLeft(address)) return E.left(malformed('the address is not valid'));
  const fields = { ...m, domain: m.domain, address: m.address, uri: m.uri, version: m.version, chainId: m.chainId, nonce: m.nonce, issuedAt: m.issuedAt };
  if (!isCanonicalSiweMessage(message, fields)) {
    return E.left(malformed('it does not re-serialise to the signed text (a line break in the statement, or an extra, missing or reordered line)'));
  }

  const expectedScheme = originOf(expected.uri)?.split(':')[0];
  if (m.domain.toLowerCase() !== expected.domain.toLowerCase() || (m.scheme !== undefined && m.scheme.toLowerCase() !== expectedScheme)) {
    return E.left(authError('SIWE_DOMAIN_MISMATCH', 'The sign-in message was made for another site'));
  }
  if (originOf(m.uri) !== originOf(expected.uri)) return E.left(authError('SIWE_URI_MISMATCH', 'The sign-in message URI is not this site'));
  if (m.chainId !== expected.chainId) return E.left(authError('SIWE_CHAIN_MISMATCH', `The sign-in message is for chain ${m.chainId}, not ${expected.chainId}`));

  const t = now.getTime();
  const skewMs = SIWE_CLOCK_SKEW_SECONDS * 1000;
  if (m.expirationTime !== undefined && m.expirationTime.getTime() <= t) return E.left(authError('SIWE_EXPIRED', 'The sign-in message has expired'));
  if (m.notBefore !== undefined && m.notBefore.getTime() > t + skewMs) return E.left(authError('SIWE_NOT_YET_VALID', 'The sign-in message is not valid yet'));
  if (m.issuedAt.getTime() > t + skewMs) return E.left(authError('SIWE_ISSUED_AT_IN_FUTURE', 'The sign-in message is dated in the future'));
  if (m.issuedAt.getTime() < t - expected.maxAgeSeconds * 1000) {
    return E.left(authError('SIWE_ISSUED_AT_TOO_OLD', 'The sign-in message is too old: request a new nonce and sign again'));
  }
  // Belt and braces: viem's own rules (nonce shape, version, address) with our skew applied to Not Before.
  const viemTime = m.notBefore !== undefined && m.notBefore.getTime() > t ? m.notBefore : now;
  if (!validateSiweMessage({ message: m, domain: m.domain, time: viemTime })) return E.left(malformed('rejected by the EIP-4361 rules'));
  return E.right({ address: address.right, nonce: m.nonce, issuedAt: m.issuedAt });
};

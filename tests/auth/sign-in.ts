import request from 'supertest';
import type { LocalAccount } from 'viem';
import { createSiweMessage, type SiweMessage } from 'viem/siwe';

/** What the test server expects by default (no FRONTEND_URL / API_BASE_URL, Sei mainnet chain id). */
export const TEST_SIWE = { domain: 'localhost:3000', uri: 'http://localhost:3000', chainId: 1329 } as const;

/** An app in this process, or the base URL of a server in another one. */
export type AppUnderTest = Parameters<typeof request>[0];

export const fetchNonce = async (app: AppUnderTest): Promise<string> => {
  const res = await request(app).get('/api/auth/nonce');
  if (res.status !== 200) throw new Error(`nonce request answered ${res.status}`);
  return String(res.body.data.nonce);
};

/** A SIWE message for `address` with the test server's expectations, overridable field by field. */
export const siweMessage = (address: `0x${string}`, nonce: string, overrides: Partial<SiweMessage> = {}): string =>
  createSiweMessage({
    ...TEST_SIWE,
    address,
    nonce,
    version: '1',
    issuedAt: new Date(),
    statement: 'Sign in to Sei AI Portfolio Manager',
    ...overrides,
  });

export interface SignedMessage {
  readonly message: string;
  readonly signature: `0x${string}`;
}

/** Fetches a nonce and signs a message with it. */
export const signedMessage = async (app: AppUnderTest, account: LocalAccount, overrides: Partial<SiweMessage> = {}): Promise<SignedMessage> => {
  const message = siweMessage(account.address, await fetchNonce(app), overrides);
  return { message, signature: await account.signMessage({ message }) };
};

/** Signs in and returns the session token (throws unless the server answered 200). */
export const signIn = async (app: AppUnderTest, account: LocalAccount): Promise<string> => {
  const res = await request(app).post('/api/auth/verify').send(await signedMessage(app, account));
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${JSON.stringify(res.body)}`);
  return String(res.body.data.token);
};

import * as E from 'fp-ts/Either';
import { createSiweMessage } from 'viem/siwe';
import { checkSiweMessage, type SiweExpectations } from './check-siwe-message';
import { chainId } from '../../../tests/support/brands';

const EXPECTED: SiweExpectations = { domain: 'app.example.com', uri: 'https://app.example.com', chainId: chainId(1329), maxAgeSeconds: 600 };
const NOW = new Date('2025-03-01T12:00:00.000Z');
const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

const message = (overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}): string =>
  createSiweMessage({ domain: 'app.example.com', uri: 'https://app.example.com/login', chainId: 1329, address: ADDRESS, nonce: 'abcdef0123456789', version: '1', issuedAt: new Date(NOW.getTime() - 5000), ...overrides });

const codeOf = (text: string): string | undefined => {
  const result = checkSiweMessage(text, EXPECTED, NOW);
  return E.isLeft(result) && result.left._tag === 'Unauthorized' ? result.left.code : undefined;
};

describe('checkSiweMessage', () => {
  it('accepts a message for this site, chain and time, returning the checksummed address and the nonce', () => {
    expect(checkSiweMessage(message({ address: ADDRESS.toLowerCase() as `0x${string}` }), EXPECTED, NOW)).toEqual(
      E.right({ address: ADDRESS, nonce: 'abcdef0123456789', issuedAt: new Date(NOW.getTime() - 5000) }),
    );
  });

  it('compares the domain without regard to letter case, and the uri by origin only', () => {
    expect(E.isRight(checkSiweMessage(message({ domain: 'App.Example.com', uri: 'https://app.example.com/any/path?x=1' }), EXPECTED, NOW))).toBe(true);
    expect(codeOf(message({ uri: 'https://app.example.com:8443/' }))).toBe('SIWE_URI_MISMATCH');
    expect(codeOf(message({ uri: 'http://app.example.com/' }))).toBe('SIWE_URI_MISMATCH');
  });

  it('tolerates 30 seconds of clock skew on Issued At and Not Before, not more', () => {
    expect(E.isRight(checkSiweMessage(message({ issuedAt: new Date(NOW.getTime() + 20_000), notBefore: new Date(NOW.getTime() + 20_000) }), EXPECTED, NOW))).toBe(true);
    expect(codeOf(message({ issuedAt: new Date(NOW.getTime() + 40_000) }))).toBe('SIWE_ISSUED_AT_IN_FUTURE');
    expect(codeOf(message({ notBefore: new Date(NOW.getTime() + 40_000) }))).toBe('SIWE_NOT_YET_VALID');
  });

  it('refuses an expiration time equal to now, and an Issued At just past the maximum age', () => {
    expect(codeOf(message({ expirationTime: NOW }))).toBe('SIWE_EXPIRED');
    expect(codeOf(message({ issuedAt: new Date(NOW.getTime() - 600_001) }))).toBe('SIWE_ISSUED_AT_TOO_OLD');
    expect(E.isRight(checkSiweMessage(message({ issuedAt: new Date(NOW.getTime() - 600_000) }), EXPECTED, NOW))).toBe(true);
  });

  it('refuses messages over the limits: 4 KB, a 512-character statement, 10 resources', () => {
    expect(codeOf(message({ statement: 'a'.repeat(513) }))).toBe('SIWE_INVALID_MESSAGE');
    expect(E.isRight(checkSiweMessage(message({ statement: 'a'.repeat(512) }), EXPECTED, NOW))).toBe(true);
    const resources = (n: number) => Array.from({ length: n }, (_, i) => `https://app.example.com/r/${i}`);
    expect(codeOf(message({ resources: resources(11) }))).toBe('SIWE_INVALID_MESSAGE');
    expect(E.isRight(checkSiweMessage(message({ resources: resources(10) }), EXPECTED, NOW))).toBe(true);
    expect(codeOf(`${message()}\n${' '.repeat(4096)}`)).toBe('SIWE_INVALID_MESSAGE');
  });

  it('refuses a version other than 1, dates that are not RFC 3339, and a message without a nonce', () => {
    expect(codeOf(message().replace('Version: 1', 'Version: 2'))).toBe('SIWE_INVALID_MESSAGE');
    expect(codeOf(message().replace(/Issued At: .*/, 'Issued At: March 1st'))).toBe('SIWE_INVALID_MESSAGE');
    expect(codeOf(message({ expirationTime: new Date(NOW.getTime() + 60_000) }).replace(/Expiration Time: .*/, 'Expiration Time: tomorrow'))).toBe('SIWE_INVALID_MESSAGE');
    expect(codeOf(message().replace(/\nNonce: .*/, ''))).toBe('SIWE_INVALID_MESSAGE');
  });

  it('refuses a statement with a line break, whatever the break (EIP-4361 statements are one line)', () => {
    const injected = 'Sign in\nURI: https://evil.com\nChain ID: 1';
    const signed = message().replace('\n\nURI: ', `\n\n${injected}\n\nURI: `);
    expect(signed).toContain('URI: https://evil.com\n');
    expect(codeOf(signed)).toBe('SIWE_INVALID_MESSAGE');
    for (const lineBreak of ['\r', '\r\n', '\u2028']) {
      expect([lineBreak, codeOf(message().replace('\n\nURI: ', `\n\nSign in${lineBreak}to evil.com\n\nURI: `))]).toEqual([lineBreak, 'SIWE_INVALID_MESSAGE']);
    }
  });

  it('refuses any message that does not re-serialise byte for byte to the text that was signed', () => {
    const good = message({ statement: 'Sign in', expirationTime: new Date(NOW.getTime() + 60_000), resources: ['https://app.example.com/r'] });
    expect(E.isRight(checkSiweMessage(good, EXPECTED, NOW))).toBe(true);
    const tampered: ReadonlyArray<[string, string]> = [
      ['a trailing line', `${good}\nPlease also send 1 ETH`],
      ['a trailing newline', `${good}\n`],
      ['a line before the URI', good.replace('\nURI: ', '\nNote: hidden\nURI: ')],
      ['two spaces after a field name', good.replace('Nonce: ', 'Nonce:  ')],
      ['Windows line ends', good.replace(/\n/g, '\r\n')],
      ['a lower-case address', good.replace(ADDRESS, ADDRESS.toLowerCase())],
      ['an empty Request ID', good.replace('\nResources:', '\nRequest ID: \nResources:')],
      ['text before the domain', `Hello\n${good}`],
    ];
    for (const [what, text] of tampered) expect([what, codeOf(text)]).toEqual([what, 'SIWE_INVALID_MESSAGE']);
  });

  it('accepts the same instant written in another RFC 3339 form (no fraction, an offset)', () => {
    const issuedAt = new Date(NOW.getTime() - 5000);
    const noFraction = message({ issuedAt }).replace(issuedAt.toISOString(), '2025-03-01T11:59:55Z');
    const withOffset = message({ issuedAt }).replace(issuedAt.toISOString(), '2025-03-01T13:59:55+02:00');
    expect(checkSiweMessage(noFraction, EXPECTED, NOW)).toEqual(E.right({ address: ADDRESS, nonce: 'abcdef0123456789', issuedAt }));
    expect(checkSiweMessage(withOffset, EXPECTED, NOW)).toEqual(E.right({ address: ADDRESS, nonce: 'abcdef0123456789', issuedAt }));
  });
});

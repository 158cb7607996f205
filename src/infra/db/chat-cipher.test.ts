import fc from 'fast-check';
import { makeChatCipher } from './chat-cipher';

describe('chat cipher (AES-256-GCM)', () => {
  const cipher = makeChatCipher('a configured ENCRYPTION_KEY string');

  it('round-trips any text bound to its associated data, as iv | tag | ciphertext with a fresh IV', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (text, aad) => {
        const blob = cipher.encrypt(text, aad);
        expect(blob.length).toBe(12 + 16 + Buffer.byteLength(text, 'utf8'));
        expect(cipher.decrypt(blob, aad)).toBe(text);
        expect(cipher.encrypt(text, aad).subarray(0, 12).equals(blob.subarray(0, 12))).toBe(false);
      }),
    );
  });

  it('refuses other associated data, any altered byte, a truncated blob and another key', () => {
    const blob = cipher.encrypt('health factor 1.4', '0xabc:1');
    expect(cipher.decrypt(blob, '0xdef:1')).toBeUndefined();
    for (let i = 0; i < blob.length; i++) {
      const altered = Buffer.from(blob);
      altered[i] = (altered[i] ?? 0) ^ 1;
      expect(cipher.decrypt(altered, '0xabc:1')).toBeUndefined();
    }
    expect(cipher.decrypt(blob.subarray(0, 20), '0xabc:1')).toBeUndefined();
    expect(makeChatCipher('another key').decrypt(blob, '0xabc:1')).toBeUndefined();
  });
});

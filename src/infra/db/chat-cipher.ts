import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Authenticated encryption of chat messages at rest. */
export interface ChatCipher {
  /** iv | tag | ciphertext, bound to `associatedData` (decrypting with other associated data fails). */
  readonly encrypt: (plaintext: string, associatedData: string) => Buffer;
  /** The plaintext, or undefined when the blob was altered, belongs elsewhere, or was written under another key. */
  readonly decrypt: (blob: Buffer, associatedData: string) => string | undefined;
}

/**
 * AES-256-GCM under a 32-byte key derived from the configured ENCRYPTION_KEY string with HKDF-SHA256 (so any
 * configured string gives a full-strength key and this key is used for nothing else); a random 12-byte IV per message.
 */
export const makeChatCipher = (secret: string): ChatCipher => {
  if (secret.length === 0) throw new Error('ENCRYPTION_KEY must not be empty');
  const key = Buffer.from(hkdfSync('sha256', secret, 'sei-portfolio-manager', 'chat_messages/aes-256-gcm/v1', 32));
  return {
    encrypt: (plaintext, associatedData) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
    },
    decrypt: (blob, associatedData) => {
      if (blob.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
};

import * as t from 'io-ts';
import { describeCodec } from '../../codecs/describe-codec';

interface TxHashBrand {
  readonly TxHash: unique symbol;
}

/** A transaction hash: 0x and 64 hex characters, lower case. */
export type TxHash = t.Branded<`0x${string}`, TxHashBrand>;

const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

/** Accepts a 32-byte hex hash in any letter case and lower-cases it; anything else fails as "32-byte hex transaction hash". */
export const TxHashCodec = describeCodec(
  new t.Type<TxHash, string, unknown>(
    'TxHash',
    (u): u is TxHash => typeof u === 'string' && TX_HASH.test(u) && u === u.toLowerCase(),
    (u, c) => (typeof u === 'string' && TX_HASH.test(u) ? t.success(u.toLowerCase() as TxHash) : t.failure(u, c, '32-byte hex transaction hash (0x + 64 hex)')),
    (h) => h,
  ),
  { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
);

import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';
import type { Hex } from 'viem';

interface TxHashBrand {
  readonly TxHash: unique symbol;
}

/** A transaction hash: 0x and 64 hex digits, lower case. */
export type TxHash = t.Branded<Hex, TxHashBrand>;

const HASH = /^0x[0-9a-f]{64}$/;

const isTxHash = (u: unknown): u is TxHash => typeof u === 'string' && HASH.test(u);

/** Accepts a 32-byte hex hash in any letter case and lower-cases it; anything else fails as "32-byte hex transaction hash". */
export const TxHashCodec = describeCodec(
  new t.Type<TxHash, string, unknown>(
    'TxHash',
    isTxHash,
    (u, c) => {
      const lower = typeof u === 'string' ? u.toLowerCase() : undefined;
      return isTxHash(lower) ? t.success(lower) : t.failure(u, c, '32-byte hex transaction hash (0x + 64 hex)');
    },
    (a) => a,
  ),
  { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
);

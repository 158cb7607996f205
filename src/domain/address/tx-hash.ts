import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';
import type { Hex } from 'viem';

interface TxHashBrand {
  readonly TxHash: unique symbol;
}

/** A transaction hash: 0x and 64 lowercase hex digits. */
export type TxHash = t.Branded<Hex, TxHashBrand>;

const HASH = /^0x[0-9a-f]{64}$/;

/** Accepts a hash in any letter case and lowercases it. */
const isTxHash = (u: unknown): u is TxHash => typeof u === 'string' && HASH.test(u);

export const TxHashCodec = describeCodec(
  new t.Type<TxHash, string, unknown>(
    'TxHash',
    isTxHash,
    (u, c) => {
      const lower = typeof u === 'string' ? u.toLowerCase() : undefined;
      return isTxHash(lower) ? t.success(lower) : t.failure(u, c, '0x followed by 64 hex characters');
    },
    (a) => a,
  ),
  { type: 'string', pattern: '^0x[0-9a-f]{64}$' },
);

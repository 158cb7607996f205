import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';

interface ChainIdBrand {
  readonly ChainId: unique symbol;
}

/** An EIP-155 chain id (1329 for Sei mainnet, 1328 for its testnet): a positive safe integer. */
export type ChainId = t.Branded<number, ChainIdBrand>;

export const ChainIdCodec = describeCodec(
  t.brand(t.number, (n): n is ChainId => Number.isSafeInteger(n) && n > 0, 'ChainId'),
  { type: 'integer', minimum: 1, description: 'EIP-155 chain id (1329 Sei mainnet, 1328 testnet)' },
);

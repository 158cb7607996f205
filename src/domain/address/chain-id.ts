import * as t from 'io-ts';

interface ChainIdBrand {
  readonly ChainId: unique symbol;
}

/** An EIP-155 chain id (1329 for Sei mainnet, 1328 for its testnet): a positive safe integer. */
export type ChainId = t.Branded<number, ChainIdBrand>;

export const ChainIdCodec = t.brand(t.number, (n): n is ChainId => Number.isSafeInteger(n) && n > 0, 'ChainId');

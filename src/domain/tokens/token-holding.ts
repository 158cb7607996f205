import type { TokenKey } from '../address/token-address';
import type { TokenRef } from './token-ref';

/** A balance read from the chain, before pricing: keyed by "native" or the token's address. */
export interface TokenHolding extends TokenRef {
  readonly key: TokenKey;
  readonly name: string;
  readonly balance: bigint;
  readonly isStable: boolean;
}

/** One part of a read that failed while the rest succeeded. */
export interface ReadWarning {
  readonly source: string;
  readonly message: string;
}

import type { TokenRef } from './token-ref';

/** A balance read from the chain, before pricing. */
export interface TokenHolding extends TokenRef {
  readonly name: string;
  readonly balance: bigint;
  readonly isStable: boolean;
}

/** One part of a read that failed while the rest succeeded. */
export interface ReadWarning {
  readonly source: string;
  readonly message: string;
}

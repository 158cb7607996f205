import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { ReadOutcome } from '../chain/execute-read-plans';
import type { ReadPlan } from '../chain/read-plan';
import type { AppError } from '../../domain/app-error';
import type { ReadDexPools } from '../../services/pricing/dex-price-feed';
import { makePoolAddressBook } from '../protocols/uniswap-v3/pool-address-book';
import { readPoolPricesPlan, type PoolPricesRead } from '../protocols/uniswap-v3/read-pool-prices-plan';

export interface DexPoolsDeps {
  readonly factory: string;
  readonly poolInitCodeHash?: string;
  readonly readChain: (plans: ReadonlyArray<ReadPlan<PoolPricesRead>>) => TE.TaskEither<AppError, ReadOutcome<PoolPricesRead>>;
}

/** Reads DragonSwap V2 pool prices and depths for the DEX price fallback, in one chain round. */
export const makeReadDexPools = (deps: DexPoolsDeps): ReadDexPools => {
  const book = makePoolAddressBook({ factory: deps.factory, ...(deps.poolInitCodeHash === undefined ? {} : { poolInitCodeHash: deps.poolInitCodeHash }) });
  return (queries) =>
    pipe(
      deps.readChain([readPoolPricesPlan(book, queries)]),
      TE.flatMap((outcome) => {
        const result = outcome.outcomes[0]?.result;
        if (result === undefined || result._tag === 'Left') return TE.left<AppError, never>({ _tag: 'RpcUnavailable', cause: result?._tag === 'Left' ? result.left : undefined });
        return TE.right(result.right.results.map((r) => r.pools));
      }),
    );
};

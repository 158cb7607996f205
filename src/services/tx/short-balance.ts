import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { formatUnits, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { SimulationError } from '../../domain/tx/decode-revert';
import type { DescribedBalanceChange } from '../../domain/tx/prepared-transactions';
import type { TxChain } from './ports';

/**
 * INSUFFICIENT_BALANCE when the wallet holds less at the block of a token (or SEI) than the plan spends, else undefined.
 * Read beside the simulation, in its batch: WETH9 reverts without a reason when the balance is short, and Hardhat's
 * eth_call sends more SEI than the caller holds without complaint.
 */
export const shortBalanceOf = (chain: TxChain, wallet: Address, changes: ReadonlyArray<DescribedBalanceChange>, blockNumber: bigint): TE.TaskEither<AppError, SimulationError | undefined> =>
  pipe(
    changes.filter((c) => c.delta < 0n),
    TE.traverseArray((change) =>
      pipe(
        change.token === 'native' ? chain.nativeBalance(wallet, blockNumber) : chain.tokenBalance(change.token, wallet, blockNumber),
        TE.map((held) => ({ change, held })),
      ),
    ),
    TE.map((holdings) => {
      const short = holdings.find(({ change, held }) => held < -change.delta);
      return short === undefined
        ? undefined
        : {
            code: 'INSUFFICIENT_BALANCE',
            message: `The wallet holds ${formatUnits(short.held, short.change.decimals)} ${short.change.symbol} and the transaction spends ${formatUnits(-short.change.delta, short.change.decimals)}`,
          };
    }),
  );

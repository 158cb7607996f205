import { sequenceT } from 'fp-ts/Apply';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { encodeFunctionData, formatEther, type Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan } from '../../../domain/tx/action-plan';
import type { AmountOrMax } from '../../../domain/tx/codecs/base-unit-amount';
import type { Planner } from '../prepare-action';
import type { TxChain } from '../ports';
import { wrappedNativeAbi } from './wrapped-native-abi';

export interface WrapDeps {
  readonly chain: Pick<TxChain, 'nativeBalance' | 'tokenBalance' | 'gasPrice'>;
  /** The registry's wrapped native token (WSEI); undefined: the routes answer 422 UNKNOWN_ASSET. */
  readonly wrappedNative: Address | undefined;
}

// WETH9 measured on the devnet: deposit 45,038 gas into an empty balance (27,938 into a held one), withdraw 35,184.
export const WRAP_GAS_UPPER_BOUND = 60_000n;
export const UNWRAP_GAS_UPPER_BOUND = 50_000n;
/** Wrapping "max" keeps back this many times the wrap's own gas bound at the current gas price, so the wallet can pay for it. */
const GAS_RESERVE_FACTOR = 2n;

const refuse = (code: 'UNKNOWN_ASSET' | 'NOTHING_TO_DO', message: string): AppError => ({ _tag: 'UnprocessableTx', code, message });

const withWrappedNative = (deps: WrapDeps): TE.TaskEither<AppError, Address> =>
  deps.wrappedNative === undefined ? TE.left(refuse('UNKNOWN_ASSET', 'This network has no wrapped native token in the registry')) : TE.right(deps.wrappedNative);

const positive = (amount: bigint, what: string): TE.TaskEither<AppError, bigint> => (amount > 0n ? TE.right(amount) : TE.left(refuse('NOTHING_TO_DO', what)));

/** The plan `planOf` builds around the registry's WSEI and the amount `valueOf` settles ("max" read at the block). */
const onWrappedNative = (
  deps: WrapDeps,
  valueOf: (wsei: Address) => TE.TaskEither<AppError, bigint>,
  planOf: (wsei: Address, value: bigint) => ActionPlan,
): TE.TaskEither<AppError, ActionPlan> =>
  pipe(
    withWrappedNative(deps),
    TE.flatMap((wsei) => pipe(valueOf(wsei), TE.map((value) => planOf(wsei, value)))),
  );

/**
 * Wrap native SEI into WSEI (deposit). "max" is the wallet's SEI at the block less a gas reserve for this transaction
 * (2 × WRAP_GAS_UPPER_BOUND at the current gas price), so the wrap can be paid for; nothing left after it: 422 NOTHING_TO_DO.
 */
export const planWrap =
  (deps: WrapDeps) =>
  (amount: AmountOrMax): Planner =>
  (ctx) =>
    onWrappedNative(
      deps,
      () =>
        amount !== 'max'
          ? TE.right(amount)
          : pipe(
              sequenceT(TE.ApplyPar)(deps.chain.nativeBalance(ctx.wallet, ctx.blockNumber), deps.chain.gasPrice()),
              TE.flatMap(([balance, gasPrice]) => positive(balance - gasPrice * WRAP_GAS_UPPER_BOUND * GAS_RESERVE_FACTOR, 'The wallet holds no SEI beyond the gas reserve')),
            ),
      (wsei, value) => ({
        action: 'wrap',
        allowances: [],
        calls: [{ to: wsei, data: encodeFunctionData({ abi: wrappedNativeAbi, functionName: 'deposit' }), value, description: `Wrap ${formatEther(value)} SEI into WSEI`, gasUpperBound: WRAP_GAS_UPPER_BOUND }],
        balanceChanges: [
          { token: 'native', delta: -value },
          { token: wsei, delta: value },
        ],
      }),
    );

/** Unwrap WSEI into native SEI (withdraw). "max" is the wallet's WSEI at the block; none: 422 NOTHING_TO_DO. */
export const planUnwrap =
  (deps: WrapDeps) =>
  (amount: AmountOrMax): Planner =>
  (ctx) =>
    onWrappedNative(
      deps,
      (wsei) => (amount !== 'max' ? TE.right(amount) : pipe(deps.chain.tokenBalance(wsei, ctx.wallet, ctx.blockNumber), TE.flatMap((held) => positive(held, 'The wallet holds no WSEI')))),
      (wsei, value) => ({
        action: 'unwrap',
        allowances: [],
        calls: [
          {
            to: wsei,
            data: encodeFunctionData({ abi: wrappedNativeAbi, functionName: 'withdraw', args: [value] }),
            value: 0n,
            description: `Unwrap ${formatEther(value)} WSEI into SEI`,
            gasUpperBound: UNWRAP_GAS_UPPER_BOUND,
          },
        ],
        balanceChanges: [
          { token: wsei, delta: -value },
          { token: 'native', delta: value },
        ],
      }),
    );

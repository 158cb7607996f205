import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { PlanContext } from '../../domain/tx/action-plan';
import { allowanceSlotOf, storageWord } from '../../domain/tx/allowance-slot';
import { findAllowanceSlot } from './find-allowance-slot';
import type { AllowanceSlotBook, StorageOverride, TxChain } from './ports';

export interface ApprovalToOverride {
  readonly token: Address;
  readonly spender: Address;
  readonly amount: bigint;
}

export type SimulationOverrides =
  | { readonly kind: 'ready'; readonly overrides: ReadonlyArray<StorageOverride> }
  /** The approvals cannot be stood in for: the simulation is not run (`ok: null`) rather than guessed. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The storage overrides that make each approval's allowance visible to the actions, as if the approvals had landed. */
export const simulationOverrides = (
  deps: { readonly chain: TxChain; readonly slots: AllowanceSlotBook },
  ctx: PlanContext,
  approvals: ReadonlyArray<ApprovalToOverride>,
): TE.TaskEither<AppError, SimulationOverrides> =>
  pipe(
    approvals,
    TE.traverseArray((a) => pipe(findAllowanceSlot(deps)(a.token, ctx.wallet, a.spender, ctx.blockNumber), TE.map((search) => ({ a, search })))),
    TE.map((found): SimulationOverrides => {
      const overrides: StorageOverride[] = [];
      for (const { a, search } of found) {
        if (search.kind === 'refused') return { kind: 'unavailable', reason: `the RPC does not take state overrides, so the approval cannot be simulated: ${search.reason}` };
        if (search.slot === 'none') return { kind: 'unavailable', reason: `the allowance storage of ${a.token} has no known layout, so the approval cannot be simulated` };
        overrides.push({ address: a.token, slot: allowanceSlotOf(search.slot, ctx.wallet, a.spender), value: storageWord(a.amount) });
      }
      return { kind: 'ready', overrides };
    }),
  );

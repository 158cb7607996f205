import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { decodeFunctionResult, encodeFunctionData, erc20Abi, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import { ALLOWANCE_SLOT_LAYOUTS, allowanceSlotOf, storageWord, type AllowanceSlotLayout } from '../../domain/tx/allowance-slot';
import type { AllowanceSlotBook, CallOutcome, KnownAllowanceSlot, TxChain } from './ports';

/** Where the token keeps allowances, or why it cannot be overridden (the RPC refuses state overrides). */
export type AllowanceSlotSearch = { readonly kind: 'known'; readonly slot: KnownAllowanceSlot } | { readonly kind: 'refused'; readonly reason: string };

// An improbable allowance: reading it back through allowance() under the override confirms the slot.
const PROBE_VALUE = 2n ** 200n + 0x5e1n;

const readsBackProbe = (outcome: CallOutcome): boolean => {
  if (outcome.kind !== 'returned') return false;
  try {
    return decodeFunctionResult({ abi: erc20Abi, functionName: 'allowance', data: outcome.data }) === PROBE_VALUE;
  } catch {
    return false;
  }
};

/**
 * Probes every common layout at once (one batch): allowance(owner, spender) is called under an override of the
 * layout's slot, and the layout whose probe value reads back is the token's. Cached per token, misses included.
 */
const probeLayouts = (chain: TxChain, token: Address, owner: Address, spender: Address, blockNumber: bigint): TE.TaskEither<AppError, AllowanceSlotSearch> => {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'allowance', args: [owner, spender] });
  const probe = (layout: AllowanceSlotLayout) =>
    chain.callAt({ from: owner, to: token, data, value: 0n }, blockNumber, [{ address: token, slot: allowanceSlotOf(layout, owner, spender), value: storageWord(PROBE_VALUE) }]);
  return pipe(
    [...ALLOWANCE_SLOT_LAYOUTS],
    TE.traverseArray(probe),
    TE.map((outcomes): AllowanceSlotSearch => {
      const refused = outcomes.find((o) => o.kind === 'refused');
      if (refused?.kind === 'refused') return { kind: 'refused', reason: refused.reason };
      const found = ALLOWANCE_SLOT_LAYOUTS.find((_, i) => { const o = outcomes[i]; return o !== undefined && readsBackProbe(o); });
      return { kind: 'known', slot: found ?? 'none' };
    }),
  );
};

/** The token's allowance slot layout, from the book or found by probing (and then remembered). */
export const findAllowanceSlot =
  (deps: { readonly chain: TxChain; readonly slots: AllowanceSlotBook }) =>
  (token: Address, owner: Address, spender: Address, blockNumber: bigint): TE.TaskEither<AppError, AllowanceSlotSearch> =>
    pipe(
      TE.fromTask(deps.slots.get(token)),
      TE.flatMap(
        O.match(
          () =>
            pipe(
              probeLayouts(deps.chain, token, owner, spender, blockNumber),
              TE.tap((search) => (search.kind === 'known' ? TE.fromTask(deps.slots.remember(token, search.slot)) : TE.right(undefined))),
            ),
          (slot) => TE.right<AppError, AllowanceSlotSearch>({ kind: 'known', slot }),
        ),
      ),
    );


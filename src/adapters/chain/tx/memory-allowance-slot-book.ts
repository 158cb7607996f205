import * as O from 'fp-ts/Option';
import * as T from 'fp-ts/Task';
import type { Address } from 'viem';
import type { AllowanceSlotBook, KnownAllowanceSlot } from '../../../services/tx/ports';

/** The allowance-slot discovery cache in this process (a token's storage layout does not change; one probe per worker). */
export const makeMemoryAllowanceSlotBook = (): AllowanceSlotBook => {
  const known = new Map<string, KnownAllowanceSlot>();
  return {
    get: (token: Address) => T.of(O.fromNullable(known.get(token.toLowerCase()))),
    remember: (token, slot) => () => {
      known.set(token.toLowerCase(), slot);
      return Promise.resolve();
    },
  };
};

import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';

/**
 * Where an ERC-20 keeps `allowance[owner][spender]`: the mapping's declaration index and the key order of its hash
 * (Solidity hashes key . slot, Vyper slot . key).
 */
export interface AllowanceSlotLayout {
  readonly mappingIndex: number;
  readonly ordering: 'solidity' | 'vyper';
}

/** Indexes 0..10 in both orderings, the common first: OpenZeppelin (1), WETH9 (4), USDC-like proxies (10) all fall in. */
export const ALLOWANCE_SLOT_LAYOUTS: ReadonlyArray<AllowanceSlotLayout> = (['solidity', 'vyper'] as const).flatMap((ordering) =>
  Array.from({ length: 11 }, (_, mappingIndex) => ({ mappingIndex, ordering })),
);

const word = (value: Address | bigint): Hex =>
  typeof value === 'bigint' ? encodeAbiParameters([{ type: 'uint256' }], [value]) : encodeAbiParameters([{ type: 'address' }], [value]);

const hashPair = (key: Hex, slot: Hex, ordering: AllowanceSlotLayout['ordering']): Hex =>
  keccak256(ordering === 'solidity' ? `0x${key.slice(2)}${slot.slice(2)}` : `0x${slot.slice(2)}${key.slice(2)}`);

/** The storage slot of `allowance[owner][spender]` under `layout`: keccak(spender . keccak(owner . index)) for Solidity. */
export const allowanceSlotOf = (layout: AllowanceSlotLayout, owner: Address, spender: Address): Hex =>
  hashPair(word(spender), hashPair(word(owner), word(BigInt(layout.mappingIndex)), layout.ordering), layout.ordering);

/** A storage word holding `amount`. */
export const storageWord = (amount: bigint): Hex => word(amount);

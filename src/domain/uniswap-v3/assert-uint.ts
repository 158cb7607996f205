/** Throws RangeError unless 0 ≤ value < 2^bits, mirroring Solidity's fixed-width unsigned parameter types. */
export const assertUint = (name: string, value: bigint, bits: bigint): void => {
  if (value < 0n || value >> bits !== 0n) throw new RangeError(`${name} is not a uint${bits}: ${value}`);
};

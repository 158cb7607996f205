import { encodePacked, type Address, type Hex } from 'viem';

export interface V3PathHop {
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly fee: number;
}

/** The packed path Uniswap V3 routers and QuoterV2 take for exact input: tokenIn, fee, token, fee, …, tokenOut. */
export const encodeV3Path = (hops: readonly [V3PathHop, ...ReadonlyArray<V3PathHop>]): Hex => {
  const types: Array<'address' | 'uint24'> = ['address'];
  const values: Array<Address | number> = [hops[0].tokenIn];
  for (const hop of hops) {
    types.push('uint24', 'address');
    values.push(hop.fee, hop.tokenOut);
  }
  return encodePacked(types, values);
};

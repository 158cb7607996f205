import { encodeFunctionData, getAddress, zeroAddress, type Address } from 'viem';
import { swapRouter02PairFor } from '../../../domain/tx/swap/v1-pair-address';
import { decodeAnswer } from './decode-answer';
import type { CallAnswer, ChainCall, SwapVenues } from './ports';
import { swapRouter02Abi, v1FactoryGetPairAbi, v2FactoryGetPoolAbi } from './swap-abis';
import type { Leg, PoolHop } from './swap-route';

/** DragonSwap V2's fee tiers (Uniswap V3's), in hundredths of a basis point. */
export const V2_FEE_TIERS: ReadonlyArray<number> = [100, 500, 3_000, 10_000];

interface PoolProbe {
  readonly leg: number;
  readonly call: ChainCall;
  readonly toHop: (answer: CallAnswer) => PoolHop | undefined;
}

/** A factory answers the zero address for a pool it never created. */
const created = (address: Address | undefined): Address | undefined => (address === undefined || address === zeroAddress ? undefined : getAddress(address));

const v2Probes = (factory: Address, leg: Leg, index: number): ReadonlyArray<PoolProbe> =>
  V2_FEE_TIERS.map((fee) => ({
    leg: index,
    call: { to: factory, data: encodeFunctionData({ abi: v2FactoryGetPoolAbi, functionName: 'getPool', args: [leg.tokenIn, leg.tokenOut, fee] }) },
    toHop: (answer) => {
      const pool = created(decodeAnswer(v2FactoryGetPoolAbi, 'getPool', answer));
      return pool === undefined ? undefined : { version: 'v2', pool, fee, ...leg };
    },
  }));

const v1Probe = (factory: Address, leg: Leg, index: number): PoolProbe => ({
  leg: index,
  call: { to: factory, data: encodeFunctionData({ abi: v1FactoryGetPairAbi, functionName: 'getPair', args: [leg.tokenIn, leg.tokenOut] }) },
  toHop: (answer) => {
    const pool = created(decodeAnswer(v1FactoryGetPairAbi, 'getPair', answer));
    // SwapRouter02 reaches a pair only at the CREATE2 address of its compiled init code hash: a fork's other pairs are skipped.
    return pool === undefined || pool !== swapRouter02PairFor(factory, leg.tokenIn, leg.tokenOut) ? undefined : { version: 'v1', pool, ...leg };
  },
});

/**
 * The factory reads that say which pools exist for each leg (getPool per fee tier, getPair), with SwapRouter02's
 * factoryV2, and how to read their answers: the existing pools of each leg, in leg order. Pools the factories do not
 * know are skipped, and V1 pairs altogether when SwapRouter02 swaps over another V1 factory than the registry's.
 */
export const poolLookups = (venues: SwapVenues, legs: ReadonlyArray<Leg>) => {
  const probes = legs.flatMap((leg, index) => [
    ...(venues.v2 === undefined ? [] : v2Probes(venues.v2.factory, leg, index)),
    ...(venues.v1 === undefined ? [] : [v1Probe(venues.v1.factory, leg, index)]),
  ]);
  const routerFactoryV2: ChainCall = { to: venues.swapRouter02, data: encodeFunctionData({ abi: swapRouter02Abi, functionName: 'factoryV2' }) };
  return {
    calls: [...probes.map((p) => p.call), routerFactoryV2],
    poolsByLeg: (answers: ReadonlyArray<CallAnswer>): ReadonlyArray<ReadonlyArray<PoolHop>> => {
      const factoryV2 = decodeAnswer(swapRouter02Abi, 'factoryV2', answers[probes.length]);
      const routesV1 = venues.v1 !== undefined && factoryV2 !== undefined && getAddress(factoryV2) === venues.v1.factory;
      return legs.map((_, index) =>
        probes.flatMap((probe, k) => {
          const hop = probe.leg === index ? probe.toHop(answers[k]) : undefined;
          return hop === undefined || (hop.version === 'v1' && !routesV1) ? [] : [hop];
        }),
      );
    },
  };
};

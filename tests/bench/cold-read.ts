import { startAppProcess } from './app-process';
import type { BenchWorld } from './bench-world';
import type { NodeRuntime } from './node-runtimes';
import { readFullPortfolio } from './portfolio-check';
import { percentile } from './percentile';

export interface ChainCount {
  /** JSON-RPC HTTP requests (round trips) that reached the chain. */
  readonly chainHttpRequests: number;
  readonly rpcCalls: number;
  readonly ethCalls: number;
  /** Size of each HTTP request's JSON-RPC batch, in order. */
  readonly batchSizes: ReadonlyArray<number>;
}

/** The count of the first read, and whether any other read of the kind counted differently. */
export type RepeatedCount = ChainCount & { readonly isSameEveryTime: boolean };

export interface ColdReadBench {
  readonly node: string;
  /** The first read of a freshly started app process (every cache empty, Redis cache included). */
  readonly firstRead: RepeatedCount & { readonly processes: number; readonly p50Ms: number; readonly latenciesMs: ReadonlyArray<number> };
  /** POST /refresh on a warm process: the portfolio is read from the chain again (protocol address books stay warm). */
  readonly refresh: RepeatedCount & { readonly reads: number; readonly p50Ms: number };
}

const countOf = (world: BenchWorld): ChainCount => {
  const s = world.harness.proxy.stats();
  return { chainHttpRequests: s.httpRequests, rpcCalls: s.rpcCalls, ethCalls: s.ethCalls, batchSizes: s.batchSizes };
};

const sameCount = (a: ChainCount, b: ChainCount): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Chain round trips of a full DeFi read, counted by the RPC proxy: the first read of `processes` freshly started apps
 * (each with an empty Redis prefix, so nothing is cached anywhere), then `refreshes` forced re-reads on one warm app.
 * Reads of one kind should all cost the same (a property of the code, not of luck): `isSameEveryTime` says whether they did.
 */
export const benchColdRead = async (world: BenchWorld, runtime: NodeRuntime, processes: number, refreshes: number): Promise<ColdReadBench> => {
  const firstLatencies: number[] = [];
  let firstCount: ChainCount | undefined;
  let isFirstSame = true;
  for (let i = 0; i < processes; i++) {
    const app = await startAppProcess(world, runtime, `cold-${i}`);
    try {
      world.harness.proxy.reset();
      firstLatencies.push((await readFullPortfolio(`${app.origin}/api/portfolio/${world.wallet}`)).latencyMs);
      const count = countOf(world);
      isFirstSame &&= firstCount === undefined || sameCount(firstCount, count);
      firstCount ??= count;
    } finally {
      await app.stop();
    }
  }
  const app = await startAppProcess(world, runtime, 'refresh');
  try {
    const url = `${app.origin}/api/portfolio/${world.wallet}`;
    await readFullPortfolio(url);
    const latencies: number[] = [];
    let refreshCount: ChainCount | undefined;
    let isRefreshSame = true;
    for (let i = 0; i < refreshes; i++) {
      world.harness.proxy.reset();
      latencies.push((await readFullPortfolio(`${url}/refresh`, 'POST')).latencyMs);
      const count = countOf(world);
      isRefreshSame &&= refreshCount === undefined || sameCount(refreshCount, count);
      refreshCount ??= count;
    }
    if (firstCount === undefined || refreshCount === undefined) throw new Error('no cold read was made');
    return {
      node: runtime.version,
      firstRead: { ...firstCount, isSameEveryTime: isFirstSame, processes, p50Ms: percentile(firstLatencies, 50), latenciesMs: firstLatencies },
      refresh: { ...refreshCount, isSameEveryTime: isRefreshSame, reads: refreshes, p50Ms: percentile(latencies, 50) },
    };
  } finally {
    await app.stop();
  }
};

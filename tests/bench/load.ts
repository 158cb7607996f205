import autocannon from 'autocannon';

/** The fixed load of every HTTP measurement: 10 connections for 5 seconds after a 1-second warm-up. */
export const LOAD = { connections: 10, durationSeconds: 5, warmupSeconds: 1 } as const;

export interface LoadResult {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

const run = (url: string, durationSeconds: number) =>
  autocannon({ url, connections: LOAD.connections, duration: durationSeconds, pipelining: 1 });

/** Warms up, then measures `url` under LOAD. */
export const measureLoad = async (name: string, url: string): Promise<LoadResult> => {
  await run(url, LOAD.warmupSeconds);
  const r = await run(url, LOAD.durationSeconds);
  return { name, requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
};

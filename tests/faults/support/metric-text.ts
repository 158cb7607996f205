import type { FaultApp } from './fault-app';

/**
 * The value of one sample of the app's /metrics (e.g. `upstream_calls_total{service="coingecko",outcome="timeout"}`),
 * 0 when the sample is absent: how a test sees what the process counted, from outside it.
 */
export const metricSample = async (app: FaultApp, sample: string): Promise<number> => {
  const res = await fetch(`${app.server.url}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const line = (await res.text()).split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
};

import { createPublicClient, defineChain, fallback, http, type Chain, type PublicClient } from 'viem';
import { sei, seiTestnet } from 'viem/chains';
import type { AppConfig } from '../../config/app-config';
import type { Metrics } from '../../infra/metrics';

export type SeiClient = PublicClient;

const baseChain = (config: AppConfig['chain']): Chain => {
  const known = config.network === 'testnet' ? seiTestnet : config.network === 'mainnet' ? sei : undefined;
  if (known !== undefined && known.id === config.chainId) return known;
  return defineChain({
    id: config.chainId,
    name: `Sei (chain ${config.chainId})`,
    nativeCurrency: { name: 'Sei', symbol: 'SEI', decimals: 18 },
    rpcUrls: { default: { http: [...config.rpcUrls] } },
    contracts: { multicall3: { address: config.multicall3Address } },
  });
};

/** Counts every RPC HTTP exchange by outcome, without touching the request. */
const countingFetch =
  (metrics: Metrics): typeof fetch =>
  async (input, init) => {
    try {
      const res = await fetch(input, init);
      metrics.upstreamCalls.inc({ service: 'rpc', outcome: res.ok ? 'ok' : res.status === 429 ? 'http_429' : `http_${Math.floor(res.status / 100)}xx` });
      return res;
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      metrics.upstreamCalls.inc({ service: 'rpc', outcome: timedOut ? 'timeout' : 'network' });
      throw cause;
    }
  };

/**
 * The viem client for the configured Sei network: one HTTP transport per RPC URL (JSON-RPC batching, timeout,
 * bounded retry with backoff), tried in order through viem's fallback transport.
 */
export const makeSeiClient = (config: AppConfig['chain'], metrics: Metrics): SeiClient => {
  const transports = config.rpcUrls.map((url) =>
    http(url, {
      batch: { batchSize: 200, wait: 0 },
      timeout: config.rpcTimeoutMs,
      retryCount: config.rpcRetryCount,
      retryDelay: 150,
      fetchFn: countingFetch(metrics),
    }),
  );
  const transport = transports.length === 1 && transports[0] !== undefined ? transports[0] : fallback(transports, { retryCount: 0 });
  return createPublicClient({ chain: baseChain(config), transport, batch: { multicall: false } });
};

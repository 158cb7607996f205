interface PortfolioBody {
  readonly data?: {
    readonly lendingPositions?: ReadonlyArray<unknown>;
    readonly liquidityPositions?: ReadonlyArray<unknown>;
    readonly warnings?: ReadonlyArray<unknown>;
    readonly unpricedTokens?: number;
  };
}

export interface PortfolioAnswer {
  readonly bytes: number;
  readonly etag: string;
  readonly latencyMs: number;
}

/**
 * One request for the DeFi wallet's portfolio; throws unless it is the full portfolio (5 lending positions, 10 NFTs +
 * 1 V1 LP, every token priced, no warning), so the bench never measures an error page or a degraded read.
 */
export const readFullPortfolio = async (url: string, method: 'GET' | 'POST' = 'GET'): Promise<PortfolioAnswer> => {
  const started = performance.now();
  const res = await fetch(url, { method });
  const text = await res.text();
  const latencyMs = performance.now() - started;
  if (res.status !== 200) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  const p = (JSON.parse(text) as PortfolioBody).data;
  const counts = [p?.lendingPositions?.length, p?.liquidityPositions?.length, p?.warnings?.length, p?.unpricedTokens];
  if (JSON.stringify(counts) !== JSON.stringify([5, 11, 0, 0])) {
    throw new Error(`not the full DeFi portfolio (lending, liquidity, warnings, unpriced = ${JSON.stringify(counts)}): ${text.slice(0, 500)}`);
  }
  return { bytes: Buffer.byteLength(text), etag: res.headers.get('etag') ?? '', latencyMs };
};

/** Throws unless `url` with `If-None-Match: etag` answers 304. */
export const expectNotModified = async (url: string, etag: string): Promise<void> => {
  const res = await fetch(url, { headers: { 'if-none-match': etag } });
  await res.arrayBuffer();
  if (res.status !== 304) throw new Error(`If-None-Match ${etag} on ${url} answered ${res.status}, not 304`);
};

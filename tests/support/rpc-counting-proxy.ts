import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the proxy misbehaves while failing. */
export type RpcFailureMode =
  /** Answer HTTP 503 with a plain-text body, as a load balancer in front of a dead node does. */
  | 'http-503'
  /** Answer HTTP 429 (Too Many Requests), as a rate-limited RPC provider does. */
  | 'http-429'
  /** Destroy the connection without answering (viem sees a network error). */
  | 'drop-connection'
  /** Never answer, until setFailing(false) or stop() (viem times out). */
  | 'hang'
  /** Answer HTTP 200 with a body that is not JSON, as a captive portal or a misrouted proxy does. */
  | 'not-json'
  /** Answer HTTP 200 with a well-formed JSON-RPC result for each call that is the same junk for every method. */
  | 'junk-results';

/** What the proxy does with an eth_call without `to` (a deployless call, such as the PortfolioLens). */
export type CodeOnlyCallMode =
  /** Forward it, as the devnet, geth and Sei do. Default. */
  | 'forward'
  /** Answer a JSON-RPC error, as an RPC that only runs calls to deployed contracts does. */
  | 'refuse'
  /** Answer a result that is not what the code returned or reverted with. */
  | 'garbage';

export interface RpcProxyStats {
  /** HTTP requests received, failed ones included. */
  readonly httpRequests: number;
  /** JSON-RPC calls received: a batch of n counts n. */
  readonly rpcCalls: number;
  /** JSON-RPC calls per method. */
  readonly methods: Readonly<Record<string, number>>;
  /** eth_call count (same as methods.eth_call ?? 0). */
  readonly ethCalls: number;
  /** eth_call count per lowercased `to` address. */
  readonly ethCallTargets: Readonly<Record<string, number>>;
  /** eth_calls without `to`. */
  readonly codeOnlyCalls: number;
  /** The size of each HTTP request's batch (1 for a single call), in arrival order. */
  readonly batchSizes: ReadonlyArray<number>;
  /** HTTP requests answered with a failure because setFailing(true) was on. */
  readonly failedRequests: number;
}

export interface RpcCountingProxy {
  readonly url: string;
  readonly stats: () => RpcProxyStats;
  /** Zeroes every counter. */
  readonly reset: () => void;
  /** Simulates an RPC outage until called again with false. Default mode: 'http-503'. */
  readonly setFailing: (failing: boolean, mode?: RpcFailureMode) => void;
  /** How eth_calls without `to` are answered from now on. */
  readonly setCodeOnlyCalls: (mode: CodeOnlyCallMode) => void;
  /** 'refuse': eth_calls with a state-override set (a third parameter) are answered with an RPC error, as an RPC without overrides does. */
  readonly setStateOverrideCalls: (mode: 'forward' | 'refuse') => void;
  /** Adds latency before forwarding each HTTP request (0 to remove), to mimic a remote RPC. */
  readonly setLatency: (milliseconds: number) => void;
  /** Closes the proxy, its upstream connections and any hung requests. Idempotent. */
  readonly stop: () => Promise<void>;
}

interface Counters {
  httpRequests: number;
  rpcCalls: number;
  codeOnlyCalls: number;
  methods: Record<string, number>;
  ethCallTargets: Record<string, number>;
  batchSizes: number[];
  failedRequests: number;
}

const emptyCounters = (): Counters => ({ httpRequests: 0, rpcCalls: 0, codeOnlyCalls: 0, methods: {}, ethCallTargets: {}, batchSizes: [], failedRequests: 0 });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const parseCalls = (body: string): ReadonlyArray<unknown> => {
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
};

const countCall = (counters: Counters, call: unknown): void => {
  counters.rpcCalls += 1;
  const method = isRecord(call) && typeof call.method === 'string' ? call.method : '(invalid)';
  counters.methods[method] = (counters.methods[method] ?? 0) + 1;
  if (method !== 'eth_call' || !isRecord(call) || !Array.isArray(call.params)) return;
  const [transaction] = call.params;
  if (isCodeOnlyCall(call)) counters.codeOnlyCalls += 1;
  if (isRecord(transaction) && typeof transaction.to === 'string') {
    const to = transaction.to.toLowerCase();
    counters.ethCallTargets[to] = (counters.ethCallTargets[to] ?? 0) + 1;
  }
};

/** An eth_call without `to`: its data is creation code, run as if deployed. */
const isCodeOnlyCall = (call: unknown): boolean => {
  if (!isRecord(call) || call.method !== 'eth_call' || !Array.isArray(call.params)) return false;
  const [transaction] = call.params;
  return isRecord(transaction) && (transaction.to === undefined || transaction.to === null);
};

/** An eth_call with a state-override set (the third parameter geth takes). */
const isStateOverrideCall = (call: unknown): boolean => isRecord(call) && call.method === 'eth_call' && Array.isArray(call.params) && call.params.length > 2;

const overrideRefusal = (call: unknown): unknown => ({ jsonrpc: '2.0', id: isRecord(call) ? call.id : null, error: { code: -32602, message: 'too many arguments, want at most 2' } });

/** The answer of a refusing or garbling RPC to one code-only call. */
const codeOnlyAnswer = (call: unknown, mode: Exclude<CodeOnlyCallMode, 'forward'>): unknown => {
  const id = isRecord(call) ? call.id : null;
  return mode === 'refuse'
    ? { jsonrpc: '2.0', id, error: { code: -32602, message: 'invalid argument 0: missing required field "to"' } }
    : { jsonrpc: '2.0', id, result: '0x1234' };
};

/** One JSON-RPC answer per call with the same junk result (bytes no ABI decodes, a number no block has), batched as the calls were. */
const junkAnswers = (body: string): unknown => {
  const answers = parseCalls(body).map((call) => ({ jsonrpc: '2.0', id: isRecord(call) ? call.id : null, result: '0xdeadbeef' }));
  return body.trimStart().startsWith('[') ? answers : answers[0];
};

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const delay = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * An HTTP JSON-RPC proxy on 127.0.0.1 (free port) in front of `targetUrl` that counts what passes
 * (HTTP requests, JSON-RPC methods, eth_call targets, batch sizes), can simulate an outage, and can refuse or garble
 * eth_calls without `to`.
 */
export const startRpcCountingProxy = async (targetUrl: string): Promise<RpcCountingProxy> => {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true });
  let counters = emptyCounters();
  let failure: RpcFailureMode | undefined;
  let latencyMs = 0;
  let codeOnlyMode: CodeOnlyCallMode = 'forward';
  let stateOverrideMode: 'forward' | 'refuse' = 'forward';
  const hung = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();

  const fail = (mode: RpcFailureMode, res: http.ServerResponse, body: string): void => {
    counters.failedRequests += 1;
    if (mode === 'not-json' || mode === 'junk-results') {
      res.writeHead(200, { 'content-type': mode === 'not-json' ? 'text/html' : 'application/json' });
      res.end(mode === 'not-json' ? '<html><body>Gateway says hello</body></html>' : JSON.stringify(junkAnswers(body)));
    } else if (mode === 'drop-connection') {
      res.socket?.destroy();
    } else if (mode === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
    } else if (mode === 'http-429') {
      res.writeHead(429, { 'content-type': 'text/plain' });
      res.end('Too Many Requests (simulated rate limit)');
    } else {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable (simulated RPC outage)');
    }
  };

  /** The proxy's own answer to a call it does not forward, or undefined to forward it. */
  const ownAnswer = (call: unknown): unknown => {
    if (codeOnlyMode !== 'forward' && isCodeOnlyCall(call)) return codeOnlyAnswer(call, codeOnlyMode);
    if (stateOverrideMode === 'refuse' && isStateOverrideCall(call)) return overrideRefusal(call);
    return undefined;
  };

  /** Answers the calls it does not forward itself and forwards the rest (as one batch), merging the answers in call order. */
  const answerSome = (body: string, res: http.ServerResponse): void => {
    const parsed: unknown = JSON.parse(body);
    const calls: ReadonlyArray<unknown> = Array.isArray(parsed) ? parsed : [parsed];
    const rest = calls.filter((call) => ownAnswer(call) === undefined);
    const reply = (answers: ReadonlyArray<unknown>) => {
      const byId = new Map(answers.map((a) => [isRecord(a) ? a.id : undefined, a]));
      const merged = calls.map((call) => ownAnswer(call) ?? byId.get(isRecord(call) ? call.id : undefined));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Array.isArray(parsed) ? merged : merged[0]));
    };
    if (rest.length === 0) {
      reply([]);
      return;
    }
    fetch(targetUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rest) })
      .then((upstream) => upstream.json())
      .then((answers: unknown) => reply(Array.isArray(answers) ? answers : [answers]))
      .catch(() => res.destroy());
  };

  const forward = (body: string, res: http.ServerResponse): void => {
    const upstream = http.request(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, { 'content-type': upstreamRes.headers['content-type'] ?? 'application/json' });
        upstreamRes.pipe(res);
      },
    );
    // The devnet being down is an outage too: answer 502 like a gateway would.
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad Gateway (devnet unreachable)');
    });
    upstream.end(body);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const calls = parseCalls(body);
    counters.httpRequests += 1;
    counters.batchSizes.push(calls.length);
    calls.forEach((call) => countCall(counters, call));
    if (failure !== undefined) {
      fail(failure, res, body);
      return;
    }
    if (latencyMs > 0) await delay(latencyMs);
    if (calls.some((call) => ownAnswer(call) !== undefined)) {
      answerSome(body, res);
      return;
    }
    forward(body, res);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      hung.forEach((res) => res.destroy());
      sockets.forEach((socket) => socket.destroy());
      agent.destroy();
    });
    return stopping;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({
      httpRequests: counters.httpRequests,
      rpcCalls: counters.rpcCalls,
      methods: { ...counters.methods },
      ethCalls: counters.methods.eth_call ?? 0,
      codeOnlyCalls: counters.codeOnlyCalls,
      ethCallTargets: { ...counters.ethCallTargets },
      batchSizes: [...counters.batchSizes],
      failedRequests: counters.failedRequests,
    }),
    reset: () => {
      counters = emptyCounters();
    },
    setFailing: (failing, mode = 'http-503') => {
      failure = failing ? mode : undefined;
      if (!failing) {
        // Requests held while hanging are released as failures, as a recovering RPC would drop them.
        hung.forEach((res) => res.destroy());
      }
    },
    setStateOverrideCalls: (mode) => {
      stateOverrideMode = mode;
    },
    setCodeOnlyCalls: (mode) => {
      codeOnlyMode = mode;
    },
    setLatency: (milliseconds) => {
      latencyMs = Math.max(0, milliseconds);
    },
    stop,
  };
};

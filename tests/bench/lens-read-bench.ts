// A cold full DeFi read (5 Yei reserves, 10 DragonSwap V2 NFTs, 1 V1 LP, 5 tokens) on the devnet, through the
// PortfolioLens and in rounds: chain HTTP requests and latency percentiles, at the chain read and through the app.
// Run: node -r ./tests/bench/swc-register.js tests/bench/lens-read-bench.ts   (about a minute)
import * as E from 'fp-ts/Either';
import { executeReadPlans } from '../../src/adapters/chain/execute-read-plans';
import { makeLensFirstReadChain } from '../../src/adapters/chain/lens/make-lens-first-read-chain';
import { portfolioLensSetupOf } from '../../src/adapters/chain/lens/portfolio-lens-setup';
import type { ReadPlan } from '../../src/adapters/chain/read-plan';
import { tokenBalancesPlan, type TokenBalancesResult } from '../../src/adapters/protocols/erc20/token-balances-plan';
import { makeProtocolReaders } from '../../src/adapters/protocols/make-protocol-readers';
import type { PositionsRead } from '../../src/adapters/protocols/protocol-reader';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { startAppOnHarness, startChainHarness } from '../support/app/chain-harness';
import { setupDefiFixture } from '../support/app/defi-fixture';
import { MULTICALL3_ADDRESS } from '../support/devnet';
import { makeTestSeiClient } from '../support/protocols/uniswap-read-harness';

const CHAIN_READS = 40;
const APP_READS = 7;
const ADDED_RPC_LATENCY_MS = 50;

const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

const main = async () => {
  const h = await startChainHarness();
  const cleanups: Array<() => void> = [];
  try {
    const fixture = await setupDefiFixture(h);
    const registry = fixture.registryValue();
    const wallet = fixture.big.address;
    const tokens = registry.tokens.map((known) => ({ known }));
    const client = makeTestSeiClient(h.proxy.url);
    const logger = makeSilentLogger();
    const readInRounds = <A>(plans: ReadonlyArray<ReadPlan<A>>) => executeReadPlans({ client, multicallAddress: MULTICALL3_ADDRESS, logger }, plans);
    const lens = makeLensFirstReadChain({ client, setup: portfolioLensSetupOf(registry, MULTICALL3_ADDRESS), readInRounds, logger, now: Date.now });
    // Fresh readers every read: every adapter cache is cold.
    const plans = (): ReadonlyArray<ReadPlan<TokenBalancesResult | PositionsRead>> => [
      tokenBalancesPlan({ wallet, multicallAddress: MULTICALL3_ADDRESS, nativeCoingeckoId: registry.nativeCoingeckoId, tokens }),
      ...makeProtocolReaders(registry).map((reader) => reader.plan(wallet)),
    ];
    const rows: string[] = ['| path | RPC latency added | chain HTTP requests | eth_calls | p50 ms | p90 ms |', '|---|---|---|---|---|---|'];
    for (const latency of [0, ADDED_RPC_LATENCY_MS]) {
      h.proxy.setLatency(latency);
      for (const [name, read] of [
        ['lens', () => lens(plans(), { wallet, tokens })()],
        ['rounds', () => readInRounds(plans())()],
      ] as const) {
        const times: number[] = [];
        let requests = 0;
        let ethCalls = 0;
        for (let i = 0; i < CHAIN_READS; i++) {
          h.proxy.reset();
          const started = performance.now();
          const outcome = await read();
          times.push(performance.now() - started);
          if (E.isLeft(outcome) || outcome.right.outcomes.some((o) => E.isLeft(o.result))) throw new Error(`${name} read failed`);
          requests = h.proxy.stats().httpRequests;
          ethCalls = h.proxy.stats().ethCalls;
        }
        rows.push(`| chain read, ${name} | ${latency} ms | ${requests} | ${ethCalls} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 90).toFixed(1)} |`);
      }
    }
    h.proxy.setLatency(0);
    const registryFile = fixture.registry();
    cleanups.push(registryFile.remove);
    for (const [name, env] of [
      ['lens', {}],
      ['rounds', { SEI_PORTFOLIO_LENS: 'false' }],
    ] as const) {
      const times: number[] = [];
      let requests = 0;
      for (let i = 0; i < APP_READS; i++) {
        const app = await startAppOnHarness(h, registryFile.file, { RATE_LIMIT_MAX_REQUESTS: '100000000', ...env });
        try {
          h.proxy.reset();
          const started = performance.now();
          const res = await fetch(`${app.url}/api/portfolio/${wallet}`);
          await res.json();
          times.push(performance.now() - started);
          if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
          requests = h.proxy.stats().httpRequests;
        } finally {
          await app.shutdown('bench');
        }
      }
      rows.push(`| cold GET on a fresh app, ${name} | 0 ms | ${requests} | - | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 90).toFixed(1)} |`);
    }
    console.warn(rows.join('\n'));
  } finally {
    await h.stop();
    cleanups.forEach((remove) => remove());
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

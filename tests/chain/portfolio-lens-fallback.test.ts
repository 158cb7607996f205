import * as E from 'fp-ts/Either';
import request from 'supertest';
import type { Hex } from 'viem';
import { executeReadPlans, type ReadOutcome } from '../../src/adapters/chain/execute-read-plans';
import { makeLensFirstReadChain } from '../../src/adapters/chain/lens/make-lens-first-read-chain';
import { portfolioLensSetupOf, type PortfolioLensSetup } from '../../src/adapters/chain/lens/portfolio-lens-setup';
import type { ReadPlan } from '../../src/adapters/chain/read-plan';
import { tokenBalancesPlan, type TokenBalancesResult } from '../../src/adapters/protocols/erc20/token-balances-plan';
import { makeProtocolReaders } from '../../src/adapters/protocols/make-protocol-readers';
import type { PositionsRead } from '../../src/adapters/protocols/protocol-reader';
import type { Registry } from '../../src/config/registry';
import type { RunningServer } from '../../src/main';
import { makeCaptureLogger } from '../support/app/capture-logger';
import { startAppOnHarness, startChainHarness, type ChainHarness } from '../support/app/chain-harness';
import { setupDefiFixture, type DefiFixture } from '../support/app/defi-fixture';
import { MULTICALL3_ADDRESS } from '../support/devnet';
import { makeTestSeiClient } from '../support/protocols/uniswap-read-harness';

jest.setTimeout(180_000);

type SourceValue = TokenBalancesResult | PositionsRead;

/** Creation code that reverts at once, with no data: PUSH1 0, PUSH1 0, REVERT. */
const REVERTING_LENS: Hex = '0x60006000fd';
const PAUSE_MS = 60_000;

/** A portfolio body without the fields that say when it was made. */
const withoutTime = ({ lastUpdated: _lastUpdated, cachedAt: _cachedAt, ...rest }: Record<string, unknown>) => rest;

describe('the PortfolioLens falls back to the round engine, with the same results', () => {
  let h: ChainHarness;
  let fixture: DefiFixture;
  let registry: Registry;
  /** The big wallet's sources read in rounds alone: what every path must find. */
  let expected: ReadonlyArray<unknown>;
  const apps: RunningServer[] = [];
  const cleanups: Array<() => void> = [];

  const wallet = () => fixture.big.address;
  const hint = () => ({ wallet: wallet(), tokens: registry.tokens.map((known) => ({ known })) });
  /** Fresh readers every time, so every read is cold and its request count known. */
  const plans = (): ReadonlyArray<ReadPlan<SourceValue>> => [
    tokenBalancesPlan({ wallet: wallet(), multicallAddress: MULTICALL3_ADDRESS, nativeCoingeckoId: registry.nativeCoingeckoId, tokens: hint().tokens }),
    ...makeProtocolReaders(registry).map((reader) => reader.plan(wallet())),
  ];
  const resultsOf = (outcome: ReadOutcome<SourceValue>) => outcome.outcomes.map((o) => ({ source: o.source, result: E.isRight(o.result) ? o.result.right : o.result.left.message }));

  const client = () => makeTestSeiClient(h.proxy.url);
  const readInRounds = <A>(planList: ReadonlyArray<ReadPlan<A>>) => executeReadPlans({ client: client(), multicallAddress: MULTICALL3_ADDRESS, logger: makeCaptureLogger().logger }, planList);

  /** A lens-first reader through the counting proxy, with its clock and its log in the test's hands. */
  const makeChain = (options: { readonly bytecode?: Hex; readonly setup?: PortfolioLensSetup } = {}) => {
    const clock = { now: 1_000_000 };
    const log = makeCaptureLogger();
    const read = makeLensFirstReadChain({
      client: client(),
      setup: options.setup ?? portfolioLensSetupOf(registry, MULTICALL3_ADDRESS),
      readInRounds,
      logger: log.logger,
      now: () => clock.now,
      pauseAfterRefusalMs: PAUSE_MS,
      ...(options.bytecode === undefined ? {} : { bytecode: options.bytecode }),
    });
    /** One cold read of the big wallet: HTTP requests, code-only calls, and what each source found. */
    const readOnce = async () => {
      h.proxy.reset();
      const outcome = await read(plans(), hint())();
      if (E.isLeft(outcome)) throw new Error(`read failed: ${outcome.left._tag}`);
      return { requests: h.proxy.stats().httpRequests, codeOnlyCalls: h.proxy.stats().codeOnlyCalls, results: resultsOf(outcome.right) };
    };
    const fallbacks = () => log.lines.filter((l) => String(l.message).startsWith('portfolio lens')).map((l) => [l.message, l.why ?? l.source]);
    return { read, readOnce, clock, fallbacks };
  };

  beforeAll(async () => {
    h = await startChainHarness();
    fixture = await setupDefiFixture(h);
    registry = fixture.registryValue();
    const inRounds = await readInRounds(plans())();
    if (E.isLeft(inRounds)) throw new Error('the rounds failed');
    expected = resultsOf(inRounds.right);
  });

  afterEach(() => h.proxy.setCodeOnlyCalls('forward'));

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.shutdown('done')));
    await h?.stop();
    cleanups.forEach((remove) => remove());
  });

  it('reads the big wallet (5 reserves, 10 NFTs, a V1 LP) in one request, finding what the rounds find', async () => {
    const { readOnce } = makeChain();
    expect(await readOnce()).toEqual({ requests: 1, codeOnlyCalls: 1, results: expected });
    expect(expected.map((e) => (e as { source: string }).source)).toEqual(['tokens', 'yei', 'dragonswap-v2', 'dragonswap-v1']);
  });

  it('when the RPC refuses calls without `to`: rounds (1 refused call + 3 rounds), rounds only while the lens rests, then the lens again', async () => {
    const { readOnce, clock, fallbacks } = makeChain();
    h.proxy.setCodeOnlyCalls('refuse');
    expect(await readOnce()).toEqual({ requests: 4, codeOnlyCalls: 1, results: expected });
    clock.now += PAUSE_MS - 1;
    expect(await readOnce()).toEqual({ requests: 3, codeOnlyCalls: 0, results: expected });
    clock.now += 1;
    expect(await readOnce()).toEqual({ requests: 4, codeOnlyCalls: 1, results: expected });
    h.proxy.setCodeOnlyCalls('forward');
    clock.now += PAUSE_MS;
    expect(await readOnce()).toEqual({ requests: 1, codeOnlyCalls: 1, results: expected });
    expect(fallbacks()).toEqual([
      ['portfolio lens unusable: reading in rounds', 'refused'],
      ['portfolio lens unusable: reading in rounds', 'refused'],
    ]);
  });

  it('when the RPC answers garbage to calls without `to`: rounds, and the lens rests', async () => {
    const { readOnce, fallbacks } = makeChain();
    h.proxy.setCodeOnlyCalls('garbage');
    expect(await readOnce()).toEqual({ requests: 4, codeOnlyCalls: 1, results: expected });
    expect(await readOnce()).toEqual({ requests: 3, codeOnlyCalls: 0, results: expected });
    expect(fallbacks()).toEqual([['portfolio lens unusable: reading in rounds', 'garbage']]);
  });

  it('when the lens reverts: rounds, and the lens is tried again on the next read', async () => {
    const { readOnce, fallbacks } = makeChain({ bytecode: REVERTING_LENS });
    expect(await readOnce()).toEqual({ requests: 4, codeOnlyCalls: 1, results: expected });
    expect(await readOnce()).toEqual({ requests: 4, codeOnlyCalls: 1, results: expected });
    expect(fallbacks()).toEqual([
      ['portfolio lens unusable: reading in rounds', 'reverted'],
      ['portfolio lens unusable: reading in rounds', 'reverted'],
    ]);
  });

  it('when a plan wants a read the lens did not make (its setup lacks DragonSwap V2): rounds, with the same results', async () => {
    const { dragonswapV2: _left, ...others } = registry.protocols;
    const { readOnce, fallbacks } = makeChain({ setup: portfolioLensSetupOf({ ...registry, protocols: others }, MULTICALL3_ADDRESS) });
    expect(await readOnce()).toEqual({ requests: 4, codeOnlyCalls: 1, results: expected });
    expect(fallbacks()).toEqual([['portfolio lens did not make a read a plan wants: reading in rounds', 'dragonswap-v2']]);
  });

  it('when the RPC is down: RpcUnavailable after the one lens request, without trying the rounds', async () => {
    const { read } = makeChain();
    h.proxy.reset();
    h.proxy.setFailing(true, 'http-503');
    try {
      const outcome = await read(plans(), hint())();
      expect(E.isLeft(outcome) ? outcome.left._tag : 'read').toBe('RpcUnavailable');
      expect(h.proxy.stats()).toMatchObject({ httpRequests: 1, failedRequests: 1, codeOnlyCalls: 1 });
    } finally {
      h.proxy.setFailing(false);
    }
  });

  it('an app whose RPC refuses calls without `to` serves the portfolio it serves through the lens', async () => {
    const registryFile = fixture.registry();
    cleanups.push(registryFile.remove);
    const [lensApp, refusedApp] = [await startAppOnHarness(h, registryFile.file), await startAppOnHarness(h, registryFile.file)];
    apps.push(lensApp, refusedApp);
    const viaLens = await request(lensApp.app).get(`/api/portfolio/${wallet()}`);
    h.proxy.setCodeOnlyCalls('refuse');
    h.proxy.reset();
    const refused = await request(refusedApp.app).get(`/api/portfolio/${wallet()}`);
    expect([viaLens.status, refused.status, h.proxy.stats().httpRequests, h.proxy.stats().codeOnlyCalls]).toEqual([200, 200, 4, 1]);
    expect(withoutTime(refused.body.data)).toEqual(withoutTime(viaLens.body.data));
  });
});

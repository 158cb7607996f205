import fc from 'fast-check';
import { getAddress, numberToHex, type Address } from 'viem';
import type { PositionsRead } from '../../src/adapters/protocols/protocol-reader';
import type { PoolKey } from '../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { uniswapV3PoolAbi } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { makeUniswapV3Reader } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-reader';
import type { ProtocolReader } from '../../src/adapters/protocols/protocol-reader';
import { getSqrtRatioAtTick } from '../../src/domain/uniswap-v3';
import { deployTestTokens, mintTokens, startDevnet, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { knownTokenLookup, makePlanRunner, registryTokenOf, resultOf } from '../support/protocols/uniswap-read-harness';
import {
  approveUniswapV3,
  createPoolV3,
  deployUniswapV3,
  mintPositionsV3,
  simulateCollect,
  simulateDecreaseLiquidity,
  swapExactInputV3,
  type UniswapV3Deployment,
} from '../support/protocols/uniswap-v3';

const SPACING = 60;

describe('DragonSwap V2 position amounts (property, real pool on the devnet)', () => {
  let devnet: Devnet;
  let v3: UniswapV3Deployment;
  let minter: DevnetAccount;
  let trader: DevnetAccount;
  let pool: { key: PoolKey; address: Address };
  let reader: ProtocolReader;
  let run: ReturnType<typeof makePlanRunner>;
  let nextRecipient = 1;

  beforeAll(async () => {
    devnet = await startDevnet();
    [, minter, trader] = devnet.accounts as [DevnetAccount, DevnetAccount, DevnetAccount];
    v3 = await deployUniswapV3(devnet);
    const tokens = (await deployTestTokens(devnet, [
      { symbol: 'AAA', name: 'Token A', decimals: 18 },
      { symbol: 'BBB', name: 'Token B', decimals: 6 },
    ])) as [TestToken, TestToken];
    await mintTokens(
      devnet,
      [minter, trader].flatMap((a) => tokens.map((t) => ({ token: t.address, to: a.address, amount: 10n ** 33n }))),
    );
    await approveUniswapV3(devnet, v3, minter, tokens.map((t) => t.address));
    await approveUniswapV3(devnet, v3, trader, tokens.map((t) => t.address));
    pool = await createPoolV3(devnet, v3, { tokenA: tokens[0].address, tokenB: tokens[1].address, fee: 3000, sqrtPriceX96: getSqrtRatioAtTick(0) });
    // Background liquidity over every tick the property visits, so swaps can move the price anywhere in it.
    await mintPositionsV3(devnet, v3, minter, [
      { key: pool.key, tickLower: -60_000, tickUpper: 60_000, amount0Desired: 10n ** 24n, amount1Desired: 10n ** 24n },
    ]);
    reader = makeUniswapV3Reader({
      addresses: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash: v3.poolInitCodeHash },
      knownToken: knownTokenLookup(tokens.map((t) => registryTokenOf(t))),
      chainId: devnet.chainId,
    });
    run = makePlanRunner(devnet.url);
  });

  afterAll(() => devnet.stop());

  const slot0 = async () => {
    const [sqrtPriceX96, tick] = await devnet.publicClient.readContract({ address: pool.address, abi: uniswapV3PoolAbi, functionName: 'slot0' });
    return { sqrtPriceX96, tick };
  };

  /**
   * Moves the price exactly to √P(tick) with a swap limited there (the trader offers far more than needed).
   * Arriving from above onto an initialised tick leaves slot0.tick = tick − 1, as the pool does.
   */
  const moveTo = async (tick: number): Promise<void> => {
    const target = getSqrtRatioAtTick(tick);
    const now = (await slot0()).sqrtPriceX96;
    if (now === target) return;
    const up = target > now;
    await swapExactInputV3(devnet, v3, trader, {
      tokenIn: up ? pool.key.token1 : pool.key.token0,
      tokenOut: up ? pool.key.token0 : pool.key.token1,
      fee: 3000,
      amountIn: 10n ** 30n,
      sqrtPriceLimitX96: getSqrtRatioAtTick(tick),
    });
  };

  it('reports the amounts NonfungiblePositionManager.decreaseLiquidity returns, and the fees collect returns, for random ranges and sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -400, max: 380 }),
        fc.integer({ min: 1, max: 120 }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 23n }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 23n }),
        fc.integer({ min: -30_000, max: 30_000 }),
        // Where the price ends: anywhere, or exactly on an edge of the range (where in-range and the amounts switch).
        fc.oneof(fc.integer({ min: -30_000, max: 30_000 }), fc.constantFrom('lower' as const, 'upper' as const, 'justBelowLower' as const)),
        async (lowerStep, widthSteps, amount0Desired, amount1Desired, tickAtMint, readAt) => {
          const tickLower = lowerStep * SPACING;
          const tickUpper = tickLower + widthSteps * SPACING;
          const tickAtRead = readAt === 'lower' ? tickLower : readAt === 'upper' ? tickUpper : readAt === 'justBelowLower' ? tickLower - 1 : readAt;
          const recipient = getAddress(numberToHex(0xa11ce000n + BigInt(nextRecipient++), { size: 20 }));
          await moveTo(tickAtMint);
          await mintPositionsV3(devnet, v3, minter, [{ key: pool.key, tickLower, tickUpper, amount0Desired, amount1Desired, recipient }]);
          // The price then moves (earning fees if it crosses the range), possibly onto a tick of the range.
          await moveTo(tickAtRead);

          const outcome = await run<PositionsRead>([reader.plan(recipient)]);
          const [position] = resultOf(outcome, 'dragonswap-v2').liquidity;
          if (position === undefined) throw new Error('the minted position was not reported');
          const tokenId = BigInt(position.id);
          const removed = await simulateDecreaseLiquidity(devnet.publicClient, v3, {
            owner: recipient,
            tokenId,
            liquidity: BigInt(position.liquidity),
            blockNumber: outcome.blockNumber,
          });
          const collected = await simulateCollect(devnet.publicClient, v3, { owner: recipient, tokenId, blockNumber: outcome.blockNumber });
          const { sqrtPriceX96, tick } = await slot0();
          expect(sqrtPriceX96).toBe(getSqrtRatioAtTick(tickAtRead));
          expect([position.amount0, position.amount1, position.fees0, position.fees1]).toEqual([removed.amount0, removed.amount1, collected.amount0, collected.amount1]);
          expect(position.isInRange).toBe(tickLower <= tick && tick < tickUpper);
        },
      ),
      { numRuns: 30 },
    );
  });
});

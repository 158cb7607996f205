import { encodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { freshAccount, type DevnetAccount } from '../support/devnet';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { SEI_DEFI_RESERVES } from '../support/sei-defi/sei-defi-reserves';

export const E18 = 10n ** 18n;
export const E6 = 10n ** 6n;

/** |a − b| ≤ b × 1e-6, in integers. */
export const isWithinMillionth = (a: bigint, b: bigint): boolean => (a > b ? a - b : b - a) * 1_000_000n <= b;

/** The Sei DeFi devnet (real Aave v3 as Yei) behind a counting proxy, a fake CoinGecko and a fake OpenAI, and apps on it. */
export interface LendingHarness {
  readonly chain: ChainHarness;
  readonly defi: SeiDefiDevnet;
  readonly fake: FakeOpenAI;
  /** The app with the registry of the whole devnet; `env` adds to (or unsets) the defaults. */
  readonly startApp: (env?: Record<string, string | undefined>) => Promise<RunningServer>;
  readonly tokenFor: (app: RunningServer, account: DevnetAccount) => Promise<string>;
  /** A new wallet with 100 SEI for gas. */
  readonly wallet: () => Promise<DevnetAccount>;
  /** A new wallet that supplies `wsei` WSEI ($0.50 each, LT 80%) and borrows `usdc` USDC. */
  readonly borrower: (wsei: bigint, usdc: bigint) => Promise<DevnetAccount>;
  /** Approves and sends a call as `account` (as a wallet would after the user agreed). */
  readonly approve: (account: DevnetAccount, token: Address, spender: Address, amount: bigint) => Promise<void>;
  readonly send: (account: DevnetAccount, to: Address, data: Hex, gas?: bigint) => Promise<bigint>;
  readonly balanceOf: (token: Address, holder: Address) => Promise<bigint>;
  readonly stop: () => Promise<void>;
}

export const startLendingHarness = async (): Promise<LendingHarness> => {
  const chain = await startChainHarness();
  const defi = await deploySeiDefiDevnet(chain.devnet);
  const fake = await startFakeOpenAI();
  for (const spec of SEI_DEFI_RESERVES) chain.gecko.setPrice({ platform: 'sei-v2', address: defi.token(spec.symbol).address, usd: spec.usd });
  chain.gecko.setPrice({ id: 'sei-network', usd: 0.5 });
  const registry = writeRegistryFile(defi.registry);
  const lender = chain.devnet.accounts[1] as DevnetAccount;
  await defi.yei.supply(lender, defi.token('USDC').address, 10_000_000n * E6);
  const apps: RunningServer[] = [];
  const devnet = chain.devnet;
  const wallet = async () => {
    const account = freshAccount(devnet);
    await devnet.setBalance(account.address, 100n * E18);
    return account;
  };
  return {
    chain,
    defi,
    fake,
    startApp: async (env = {}) => {
      const app = await startAppOnHarness(chain, registry.file, {
        OPENAI_API_KEY: undefined,
        AI_RATE_LIMIT_MAX: '1000',
        ENCRYPTION_KEY: 'test-encryption-key-for-chat-messages-0123456789',
        JWT_SECRET: 'test-jwt-secret-shared-by-both-instances-0123456789',
        ...env,
      });
      apps.push(app);
      return app;
    },
    tokenFor: (app, account) => signIn(app.app, account.account),
    wallet,
    borrower: async (wsei, usdc) => {
      const account = await wallet();
      await defi.yei.supply(account, defi.token('WSEI').address, wsei);
      await defi.yei.borrow(account, defi.token('USDC').address, usdc);
      return account;
    },
    approve: async (account, token, spender, amount) => {
      await devnet.sendTransaction({ to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }) }, account);
    },
    send: async (account, to, data, gas) => (await devnet.sendTransaction({ to, data, ...(gas === undefined ? {} : { gas }) }, account)).gasUsed,
    balanceOf: (token, holder) => devnet.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [holder] }),
    stop: async () => {
      await Promise.all(apps.map((app) => app.shutdown('done')));
      await fake.stop();
      await chain.stop();
      registry.remove();
    },
  };
};

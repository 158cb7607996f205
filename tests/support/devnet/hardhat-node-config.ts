import type { Hex } from 'viem';

/** What both devnet modes need to know to boot a Hardhat network. */
export interface HardhatNodeConfig {
  readonly chainId: number;
  readonly hardfork: string;
  readonly blockGasLimit: number;
  readonly accountBalance: bigint;
  readonly privateKeys: ReadonlyArray<Hex>;
  /** 0 picks a free port. */
  readonly port: number;
}

/** A running JSON-RPC endpoint; `stop` closes it and drops open connections. */
export interface HardhatNodeHandle {
  readonly url: string;
  readonly wsUrl: string;
  readonly stop: () => Promise<void>;
}

export const HARDHAT_CONFIG_PATH = `${__dirname}/hardhat.config.js`;

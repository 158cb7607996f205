import type { WalletAddress } from '../../domain/address/wallet-address';
import type { BlockRange } from './split-block-range';

/**
 * The chain as the watcher needs it: the head block, and which of `wallets` sent or received a token
 * (an ERC-20 or ERC-721 `Transfer` log) in a block range. Both reject when the RPC fails.
 */
export interface WatchedChain {
  readonly headBlock: () => Promise<bigint>;
  readonly touchedWallets: (range: BlockRange, wallets: ReadonlyArray<WalletAddress>) => Promise<ReadonlySet<WalletAddress>>;
}

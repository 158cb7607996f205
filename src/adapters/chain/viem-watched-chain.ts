import { getAddress, numberToHex, pad, type Hex, type PublicClient } from 'viem';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { splitBlockRange } from './split-block-range';
import type { WatchedChain } from '../../services/watcher/ports';

/** keccak256("Transfer(address,address,uint256)"): the same topic for ERC-20 and ERC-721. */
export const TRANSFER_TOPIC: Hex = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
/** Wallets per topic list: keeps each eth_getLogs request small whatever the number of subscribers. */
const WALLETS_PER_QUERY = 100;

const chunk = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const addressOfTopic = (topic: Hex | null | undefined): string | undefined =>
  topic === null || topic === undefined || topic.length !== 66 ? undefined : getAddress(`0x${topic.slice(26)}`);

/**
 * The watcher's chain port over viem: `eth_blockNumber`, and `eth_getLogs` filtered on the Transfer topic with the
 * wallets as sender (topic 1) or recipient (topic 2), in 2,000-block spans (Sei's limit) and 100-wallet topic lists.
 */
export const makeViemWatchedChain = (client: PublicClient): WatchedChain => ({
  headBlock: () => client.getBlockNumber({ cacheTime: 0 }),
  touchedWallets: async (range, wallets) => {
    const watched = new Map<string, WalletAddress>(wallets.map((w) => [w, w]));
    const queries = splitBlockRange(range).flatMap((span) =>
      chunk(wallets, WALLETS_PER_QUERY).flatMap((group) => {
        const topics = group.map((w) => pad(w.toLowerCase() as Hex, { size: 32 }));
        const base = { fromBlock: numberToHex(span.fromBlock), toBlock: numberToHex(span.toBlock) };
        return [
          { ...base, topics: [TRANSFER_TOPIC, topics] },
          { ...base, topics: [TRANSFER_TOPIC, null, topics] },
        ];
      }),
    );
    const logs = await Promise.all(queries.map((filter) => client.request({ method: 'eth_getLogs', params: [filter] })));
    const touched = new Set<WalletAddress>();
    for (const log of logs.flat()) {
      for (const topic of [log.topics[1], log.topics[2]]) {
        const wallet = watched.get(addressOfTopic(topic) ?? '');
        if (wallet !== undefined) touched.add(wallet);
      }
    }
    return touched;
  },
});

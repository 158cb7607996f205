import type { BlockRange } from '../../services/watcher/ports';

/** Sei answers eth_getLogs over at most 2,000 blocks. */
export const MAX_LOG_BLOCK_RANGE = 2000n;

/** Consecutive spans of at most `size` blocks covering [fromBlock, toBlock] exactly; empty when from > to. */
export const splitBlockRange = (range: BlockRange, size: bigint = MAX_LOG_BLOCK_RANGE): ReadonlyArray<BlockRange> => {
  if (size < 1n) throw new RangeError('size must be at least 1');
  const spans: BlockRange[] = [];
  for (let from = range.fromBlock; from <= range.toBlock; from += size) {
    const to = from + size - 1n;
    spans.push({ fromBlock: from, toBlock: to < range.toBlock ? to : range.toBlock });
  }
  return spans;
};

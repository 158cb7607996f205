export interface ChunkLimits {
  /** Characters of the URL without the list itself (origin, path, other parameters). */
  readonly baseLength: number;
  /** Longest URL to send. */
  readonly maxUrlLength: number;
  /** Most items in one request (the upstream's own limit). */
  readonly maxItems: number;
}

/**
 * Splits the values of one comma-separated query parameter into as few requests as the limits allow,
 * keeping the order. Everything fits in one request unless the URL or the item count would be too long;
 * an item longer than the budget on its own still gets a request of its own.
 */
export const chunkListParameter = (items: ReadonlyArray<string>, limits: ChunkLimits): ReadonlyArray<ReadonlyArray<string>> => {
  const budget = limits.maxUrlLength - limits.baseLength;
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const item of items) {
    const size = encodeURIComponent(item).length;
    if (current.length > 0 && (length + 1 + size > budget || current.length >= limits.maxItems)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += size + (current.length === 0 ? 0 : 1);
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/** JSON that keeps bigints: `{"$bigint":"123"}` on the wire, bigint in memory. */
export const serializeValue = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v));

const BIGINT_MARK = '"$bigint"';

/** The reviver runs only when the text holds a bigint: a reviver makes JSON.parse several times slower. */
export const deserializeValue = (text: string): unknown =>
  !text.includes(BIGINT_MARK) ? JSON.parse(text) : JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const big = (v as { $bigint?: unknown }).$bigint;
      if (keys.length === 1 && typeof big === 'string' && /^-?\d+$/.test(big)) return BigInt(big);
    }
    return v;
  });

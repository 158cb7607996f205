import type { SnapshotPoint } from './snapshot-point';

/** The market (price) effect on one holding between two consecutive snapshots. */
export type AssetPriceEffect = { readonly key: string; readonly symbol: string; readonly pnlUSD: number };

type Position = { symbol: string; quantity: number; priceUSD: number | null };

const positionsByKey = (point: SnapshotPoint): Map<string, Position> => {
  const byKey = new Map<string, Position>();
  for (const h of point.holdings) {
    const existing = byKey.get(h.key);
    if (existing === undefined) byKey.set(h.key, { symbol: h.symbol, quantity: h.quantity, priceUSD: h.priceUSD });
    else byKey.set(h.key, { ...existing, quantity: existing.quantity + h.quantity, priceUSD: existing.priceUSD ?? h.priceUSD });
  }
  return byKey;
};

/**
 * Per-holding market PnL q_k(before) · (p_k(after) − p_k(before)) between two snapshots. Holdings unpriced at
 * either end, or gone from the later snapshot (so no later price), contribute nothing; quantity changes are flows,
 * not market moves, so they never appear here.
 */
export const priceEffect = (before: SnapshotPoint, after: SnapshotPoint): ReadonlyArray<AssetPriceEffect> => {
  const later = positionsByKey(after);
  const effects: AssetPriceEffect[] = [];
  for (const [key, position] of positionsByKey(before)) {
    const laterPrice = later.get(key)?.priceUSD ?? null;
    if (position.priceUSD === null || laterPrice === null) continue;
    effects.push({ key, symbol: position.symbol, pnlUSD: position.quantity * (laterPrice - position.priceUSD) });
  }
  return effects;
};

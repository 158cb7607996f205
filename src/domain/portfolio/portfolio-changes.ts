import type { LendingPosition, LiquidityPosition, Portfolio, TokenBalance } from './portfolio';

/** One difference between two reads of a portfolio, as pushed in `portfolio_update.changes`. */
export interface PortfolioChange {
  /** Dotted path into the portfolio, entries addressed by their key: `tokenBalances.native.balance`, `lendingPositions.<id>.amount`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The `portfolio_update.type` a set of changes deserves, or null when nothing on chain moved (only USD valuations). */
export type PortfolioUpdateType = 'balance_change' | 'position_update';

const TOTALS = ['totalValueUSD', 'netWorthUSD', 'totalSuppliedUSD', 'totalBorrowedUSD', 'totalLiquidityUSD', 'healthFactor'] as const;

/** Per entry kind: the fields compared. The rest (symbols, names, prices, apy drift, lastUpdated…) is noise for a push. */
const TOKEN_FIELDS = ['balance', 'valueUSD'] as const satisfies ReadonlyArray<keyof TokenBalance>;
const LENDING_FIELDS = ['amount', 'valueUSD', 'usageAsCollateral'] as const satisfies ReadonlyArray<keyof LendingPosition>;
const LIQUIDITY_FIELDS = ['liquidity', 'token0Amount', 'token1Amount', 'valueUSD', 'isInRange'] as const satisfies ReadonlyArray<keyof LiquidityPosition>;

const isSame = (a: unknown, b: unknown): boolean => Object.is(a, b);

const diffEntries = <E extends object, K extends keyof E>(
  section: string,
  before: ReadonlyArray<E>,
  after: ReadonlyArray<E>,
  keyOf: (entry: E) => string,
  fields: ReadonlyArray<K>,
): ReadonlyArray<PortfolioChange> => {
  const old = new Map(before.map((entry) => [keyOf(entry), entry]));
  const now = new Map(after.map((entry) => [keyOf(entry), entry]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  return keys.flatMap((key): ReadonlyArray<PortfolioChange> => {
    const b = old.get(key);
    const a = now.get(key);
    if (b === undefined || a === undefined) return [{ path: `${section}.${key}`, before: b ?? null, after: a ?? null }];
    return fields.filter((field) => !isSame(b[field], a[field])).map((field) => ({ path: `${section}.${key}.${String(field)}`, before: b[field], after: a[field] }));
  });
};

const feesChanges = (before: ReadonlyArray<LiquidityPosition>, after: ReadonlyArray<LiquidityPosition>): ReadonlyArray<PortfolioChange> => {
  const old = new Map(before.map((p) => [p.id, p.uncollectedFees]));
  return after.flatMap((p) => {
    const b = old.get(p.id);
    if (b === undefined) return [];
    return (['token0', 'token1'] as const)
      .filter((field) => !isSame(b[field], p.uncollectedFees[field]))
      .map((field) => ({ path: `liquidityPositions.${p.id}.uncollectedFees.${field}`, before: b[field], after: p.uncollectedFees[field] }));
  });
};

/**
 * What changed from `before` to `after`: totals and health factor, token balances by token, lending positions by id,
 * liquidity positions by id (an entry that appears or disappears is one change with `null` on the missing side).
 * Read metadata (lastUpdated, cachedAt, blockNumber, stale, warnings) is ignored. Ordered: totals, tokens, lending, liquidity.
 */
export const portfolioChanges = (before: Portfolio, after: Portfolio): ReadonlyArray<PortfolioChange> => [
  ...TOTALS.filter((field) => !isSame(before[field], after[field])).map((field) => ({ path: field, before: before[field], after: after[field] })),
  ...diffEntries('tokenBalances', before.tokenBalances, after.tokenBalances, (t) => t.token, TOKEN_FIELDS),
  ...diffEntries('lendingPositions', before.lendingPositions, after.lendingPositions, (p) => p.id, LENDING_FIELDS),
  ...diffEntries('liquidityPositions', before.liquidityPositions, after.liquidityPositions, (p) => p.id, LIQUIDITY_FIELDS),
  ...feesChanges(before.liquidityPositions, after.liquidityPositions),
];

/** Totals and `valueUSD` fields: they move with prices alone. */
const isValuationOnly = (path: string): boolean => path.endsWith('USD');

/**
 * `balance_change` when a token balance moved (or a token appeared/disappeared), `position_update` when only
 * positions or the health factor did, null when only USD valuations moved with prices (those reach clients as `price_update`).
 */
export const portfolioUpdateType = (changes: ReadonlyArray<PortfolioChange>): PortfolioUpdateType | null => {
  const material = changes.filter((c) => !isValuationOnly(c.path));
  if (material.length === 0) return null;
  return material.some((c) => c.path.startsWith('tokenBalances.')) ? 'balance_change' : 'position_update';
};

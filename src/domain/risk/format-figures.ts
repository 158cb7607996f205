const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "$1,234.56" for explanations. */
export const formatUsd = (value: number): string => usd.format(value);

/** A fraction as "12.3%" for explanations. */
export const formatPercent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

/** 0..1 clamp that maps NaN to 0. */
export const clampUnit = (value: number): number => (value > 0 ? Math.min(1, value) : 0);

/** Sum of the finite positive values, the only ones that count as assets. */
export const sumPositive = (values: ReadonlyArray<number>): number =>
  values.reduce((sum, v) => (Number.isFinite(v) && v > 0 ? sum + v : sum), 0);

/**
 * Largest peak-to-trough fall of the growth index built from interval returns (index starts at 1 and is
 * multiplied by 1 + r each interval), as a positive fraction; 0 when the index never falls below a previous peak.
 */
export const maxDrawdown = (returns: ReadonlyArray<number>): number => {
  let index = 1;
  let peak = 1;
  let worst = 0;
  for (const r of returns) {
    index *= 1 + r;
    peak = Math.max(peak, index);
    if (peak > 0) worst = Math.max(worst, (peak - index) / peak);
  }
  return worst;
};

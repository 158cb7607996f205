/** Whether a position over [tickLower, tickUpper) is active (earning fees) at the pool's current tick. */
export const isInRange = (tick: number, tickLower: number, tickUpper: number): boolean =>
  tickLower <= tick && tick < tickUpper;

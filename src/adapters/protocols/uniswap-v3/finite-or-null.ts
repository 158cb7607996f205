/** A number, or null when it is not finite (a price at an extreme tick may overflow). */
export const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export interface RiskNotice {
  readonly factor: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly message: string;
}

/** The factors worth a user's attention now (value ≥ 0.5), worst first, each with its actionable sentence. */
export const riskNotices = (factors: ReadonlyArray<{ readonly id: string; readonly value: number; readonly explanation: string }>): ReadonlyArray<RiskNotice> =>
  factors
    .filter((f) => f.value >= 0.5)
    .sort((a, b) => b.value - a.value)
    .map((f) => ({ factor: f.id, severity: f.value >= 0.8 ? 'critical' : 'warning', message: f.explanation }));

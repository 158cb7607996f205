/** Tunable cut-offs of the risk assessment. */
export type RiskThresholds = {
  /** Health factor below which liquidation risk is critical. */
  readonly healthFactorCritical: number;
  /** Health factor below which liquidation risk is high. */
  readonly healthFactorHigh: number;
  /** Health factor below which liquidation risk is medium. */
  readonly healthFactorMedium: number;
  /** Health factor at or above which the liquidation factor scores 0 (it scores 1 at or below 1.0). */
  readonly healthFactorSafe: number;
  /** Score at or above which the level is at least medium. */
  readonly scoreMedium: number;
  /** Score at or above which the level is at least high. */
  readonly scoreHigh: number;
  /** Score at or above which the level is critical. */
  readonly scoreCritical: number;
};

/** Defaults: liquidation bands 1.05 / 1.15 / 1.30, liquidation factor fading to 0 at HF 2, score bands 25/50/75. */
export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  healthFactorCritical: 1.05,
  healthFactorHigh: 1.15,
  healthFactorMedium: 1.3,
  healthFactorSafe: 2,
  scoreMedium: 25,
  scoreHigh: 50,
  scoreCritical: 75,
};

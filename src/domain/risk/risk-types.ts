/** Overall risk level of a portfolio. */
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

/** How close lending positions are to liquidation; 'none' when there is no debt. */
export type LiquidationRisk = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** A token holding valued in USD (lending collateral included, liquidity positions excluded). */
export type RiskHolding = { readonly symbol: string; readonly valueUSD: number; readonly isStable: boolean };

/** A concentrated-liquidity (or v2) position valued in USD. */
export type RiskLiquidityPosition = {
  readonly valueUSD: number;
  readonly isInRange: boolean;
  /** False for pairs of two stablecoins (or otherwise pegged assets), where impermanent loss is negligible. */
  readonly isVolatilePair: boolean;
};

/** Everything assessRisk looks at. */
export type RiskInput = {
  /** Lending health factor, null when there is no debt. */
  readonly healthFactor: number | null;
  readonly holdings: ReadonlyArray<RiskHolding>;
  readonly liquidity: ReadonlyArray<RiskLiquidityPosition>;
  readonly totalDebtUSD: number;
  readonly netWorthUSD: number;
};

/** Identifiers of the scored risk factors. */
export type RiskFactorId = 'liquidation' | 'leverage' | 'concentration' | 'volatileExposure' | 'impermanentLoss';

/** One scored factor: contributes weight × value points to the 0–100 score. */
export type RiskFactor = {
  readonly id: RiskFactorId;
  /** Maximum points this factor can add; all weights sum to 100. */
  readonly weight: number;
  /** How bad this factor is, normalised to 0 (fine) … 1 (worst). */
  readonly value: number;
  /** One actionable sentence with the actual numbers. */
  readonly explanation: string;
};

/** Herfindahl–Hirschman concentration of holdings by symbol. */
export type Concentration = {
  /** Σ weight², 1 for a single asset, 1/n for n equal assets, 0 with no holdings. */
  readonly hhi: number;
  readonly topAsset: string | null;
  readonly topWeight: number;
};

/** The result of assessRisk. */
export type RiskAssessment = {
  readonly level: RiskLevel;
  /** 0–100, Σ weight × value over the factors, rounded to one decimal. */
  readonly score: number;
  readonly healthFactor: number | null;
  readonly liquidationRisk: LiquidationRisk;
  readonly concentration: Concentration;
  /** Share of holdings value in stablecoins, 0..1. */
  readonly stablecoinShare: number;
  /** Share of liquidity-position value in volatile pairs (exposed to impermanent loss), 0..1. */
  readonly impermanentLossRisk: number;
  readonly factors: ReadonlyArray<RiskFactor>;
};

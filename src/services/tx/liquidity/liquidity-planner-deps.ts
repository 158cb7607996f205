import type { Address } from 'viem';
import type { PositionManagerChain } from './ports';

export interface LiquidityPlannerDeps {
  readonly chain: PositionManagerChain;
  /** Whether a token is in the registry: a new position pairs registry tokens only (else 422 UNKNOWN_ASSET). */
  readonly isRegistryToken: (token: Address) => boolean;
  /** The calls' `deadline`: the block's timestamp plus this many seconds (at least the preparation's TTL). */
  readonly deadlineSeconds: number;
}


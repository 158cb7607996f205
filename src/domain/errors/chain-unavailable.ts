import type { AppError } from '../app-error';

/** The `service` of an UpstreamUnavailable that the Sei RPC caused (it rate-limited us). */
export const SEI_RPC = 'Sei RPC';

/** The `operation` of a Timeout that a chain read caused. */
export const CHAIN_READ = 'chain read';

/**
 * Whether the chain could not be read right now (down, timing out, rate-limiting us): a stored copy may answer
 * instead, and the RPC circuit counts it as a failure. A revert or a bad answer is not: the RPC is up.
 */
export const isChainUnavailable = (error: AppError): boolean =>
  error._tag === 'RpcUnavailable' ||
  (error._tag === 'Timeout' && error.operation === CHAIN_READ) ||
  (error._tag === 'UpstreamUnavailable' && error.service === SEI_RPC);

import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import { NO_DEBT_HEALTH_FACTOR_WAD } from '../../../domain/lending/health-factor-from-wad';
import type { LendingHealth } from '../../../services/tx/ports';
import { aaveV3PoolAbi } from '../../protocols/aave-v3/aave-v3-abis';
import type { SeiClient } from '../make-sei-client';
import { readFailure } from './viem-tx-chain';

/** The wallet's health factor from the lending pool (Yei) at the block; null without debt, or without a pool in the registry. */
export const makeAaveLendingHealth = (client: SeiClient, pool: Address | undefined): LendingHealth => ({
  healthFactorAt: (wallet, blockNumber) =>
    pool === undefined
      ? TE.right(null)
      : TE.tryCatch(
          async () => {
            const [, totalDebtBase, , , , healthFactor] = await client.readContract({ address: pool, abi: aaveV3PoolAbi, functionName: 'getUserAccountData', args: [wallet], blockNumber });
            return totalDebtBase === 0n || healthFactor >= NO_DEBT_HEALTH_FACTOR_WAD ? null : healthFactor;
          },
          readFailure,
        ),
});

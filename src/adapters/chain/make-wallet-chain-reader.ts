import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { UnpricedLendingPosition, UnpricedLiquidityPosition } from '../../domain/portfolio/unpriced-positions';
import type { ReadWarning } from '../../domain/tokens/token-holding';
import type { WalletChainReader, WalletOnChain } from '../../services/portfolio/ports';
import { tokenBalancesPlan, type TokenBalancesResult } from '../protocols/erc20/token-balances-plan';
import type { PositionsRead, ProtocolReader } from '../protocols/protocol-reader';
import type { PlanOutcome, ReadOutcome } from './execute-read-plans';
import type { ReadChain } from './observe-read-rounds';
import { mapReadPlan } from './read-plan';

export interface WalletChainReaderDeps {
  /** Runs read plans at one block: the lens-first reader (or the rounds), guarded and observed. */
  readonly readChain: ReadChain;
  /** The lending and liquidity adapters enabled by the registry; each joins the same read. */
  readonly protocolReaders: ReadonlyArray<ProtocolReader>;
  readonly multicallAddress: Address;
  readonly nativeCoingeckoId: string;
}

type SourceResult = { readonly kind: 'tokens'; readonly value: TokenBalancesResult } | { readonly kind: 'positions'; readonly value: PositionsRead };

/** Every adapter's positions and warnings; a failed adapter becomes a warning naming it, the others are kept. */
const collectPositions = (outcomes: ReadonlyArray<PlanOutcome<SourceResult>>) => {
  const lending: UnpricedLendingPosition[] = [];
  const liquidity: UnpricedLiquidityPosition[] = [];
  const warnings: ReadWarning[] = [];
  let healthFactor: number | null = null;
  for (const { source, result } of outcomes) {
    if (E.isLeft(result)) {
      warnings.push({ source, message: `${source} positions could not be read: ${result.left.message}` });
      continue;
    }
    if (result.right.kind !== 'positions') continue;
    const read = result.right.value;
    lending.push(...read.lending);
    liquidity.push(...read.liquidity);
    warnings.push(...read.warnings);
    if (read.healthFactor !== undefined && read.healthFactor !== null) healthFactor = Math.min(healthFactor ?? Infinity, read.healthFactor);
  }
  return { lending, liquidity, warnings, healthFactor };
};

/** The token balances and every protocol's positions out of one read; RpcUnavailable when the balances failed. */
const walletOf = (outcome: ReadOutcome<SourceResult>): E.Either<AppError, WalletOnChain> => {
  const tokens = outcome.outcomes[0]?.result;
  if (tokens === undefined || E.isLeft(tokens) || tokens.right.kind !== 'tokens') {
    return E.left({ _tag: 'RpcUnavailable', cause: tokens !== undefined && E.isLeft(tokens) ? tokens.left : undefined });
  }
  const { holdings, warnings, discoveredMetadata } = tokens.right.value;
  const positions = collectPositions(outcome.outcomes.slice(1));
  return E.right({
    blockNumber: outcome.blockNumber,
    holdings,
    lending: positions.lending,
    liquidity: positions.liquidity,
    healthFactor: positions.healthFactor,
    warnings: [...warnings, ...positions.warnings],
    discoveredMetadata,
  });
};

/**
 * The portfolio's chain read over the read-plan engine: the token balances plan and every protocol's plan, read
 * together at one block (by the lens in one request when `readChain` can, else in rounds).
 */
export const makeWalletChainReader = (deps: WalletChainReaderDeps): WalletChainReader => ({
  positionSources: new Set(deps.protocolReaders.map((r) => r.source)),
  readWallet: (wallet, tokens) =>
    pipe(
      deps.readChain<SourceResult>(
        [
          mapReadPlan(
            tokenBalancesPlan({ wallet, multicallAddress: deps.multicallAddress, nativeCoingeckoId: deps.nativeCoingeckoId, tokens }),
            (value): SourceResult => ({ kind: 'tokens', value }),
          ),
          ...deps.protocolReaders.map((reader) => mapReadPlan(reader.plan(wallet), (value): SourceResult => ({ kind: 'positions', value }))),
        ],
        { wallet, tokens },
      ),
      TE.flatMap((outcome) => TE.fromEither(walletOf(outcome))),
    ),
});

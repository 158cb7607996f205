import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import { mapReadPlan } from '../../adapters/chain/read-plan';
import { tokenBalancesPlan, type TokenBalancesResult, type TokenMetadata, type TokenToRead } from '../../adapters/protocols/erc20/token-balances-plan';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { PlanOutcome } from '../../adapters/chain/execute-read-plans';
import type { PositionsRead } from '../../adapters/protocols/protocol-reader';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { UnpricedLendingPosition, UnpricedLiquidityPosition } from '../../domain/portfolio/unpriced-positions';
import type { ReadWarning } from '../../domain/tokens/token-holding';
import type { TokenRef } from '../../domain/tokens/token-ref';
import { valuePortfolio } from '../../domain/portfolio/value-portfolio';
import type { PortfolioDeps } from './portfolio-deps';

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
  const tokenRefs = [...lending.map((p) => p.tokenRef), ...liquidity.flatMap((p) => [p.token0Ref, p.token1Ref])];
  return { lending, liquidity, warnings, healthFactor, tokenRefs };
};

const uniqueRefs = (refs: ReadonlyArray<TokenRef>): ReadonlyArray<TokenRef> => [...new Map(refs.map((r) => [r.key, r])).values()];

const TokenMetadataCodec = t.type({ symbol: t.string, name: t.string, decimals: t.number });
const METADATA_TTL_SECONDS = 30 * 24 * 3600;

const metadataKey = (chainId: number, address: string) => `token-meta:${chainId}:${address}`;

/** The registry tokens plus caller-added ones (with their cached metadata where we have it). */
const tokensToRead = (deps: PortfolioDeps, extra: ReadonlyArray<Address>): TE.TaskEither<never, ReadonlyArray<TokenToRead>> => {
  const known = new Map(deps.registry.tokens.map((tk) => [tk.address.toLowerCase(), tk]));
  const extraUnknown = extra.filter((a) => !known.has(a.toLowerCase()));
  return pipe(
    TE.fromTask(() =>
      Promise.all(
        extraUnknown.map(async (address): Promise<TokenToRead> => {
          const cached = await deps.cache.get(metadataKey(deps.registry.chainId, address), TokenMetadataCodec)();
          return O.isSome(cached) ? { unknown: address, cachedMetadata: cached.value } : { unknown: address };
        }),
      ),
    ),
    TE.map((unknown) => [...deps.registry.tokens.map((tk): TokenToRead => ({ known: tk })), ...unknown]),
  );
};

const rememberMetadata = (deps: PortfolioDeps, found: ReadonlyArray<{ address: Address; metadata: TokenMetadata }>) =>
  Promise.all(found.map((f) => deps.cache.set(metadataKey(deps.registry.chainId, f.address), f.metadata, METADATA_TTL_SECONDS, TokenMetadataCodec)()));

/** One fresh read of a wallet: every balance and position at one block (one request with the lens), then one pricing call, then valuation. */
export const readPortfolio =
  (deps: PortfolioDeps) =>
  (wallet: WalletAddress, extraTokens: ReadonlyArray<Address>): TE.TaskEither<AppError, Portfolio> =>
    pipe(
      tokensToRead(deps, extraTokens),
      TE.flatMap((tokens) =>
        deps.readChain<SourceResult>(
          [
            mapReadPlan(
              tokenBalancesPlan({ wallet, multicallAddress: deps.multicallAddress, nativeCoingeckoId: deps.registry.nativeCoingeckoId, tokens }),
              (value): SourceResult => ({ kind: 'tokens', value }),
            ),
            ...deps.protocolReaders.map((reader) => mapReadPlan(reader.plan(wallet), (value): SourceResult => ({ kind: 'positions', value }))),
          ],
          { wallet, tokens },
        ),
      ),
      TE.flatMap((outcome) => {
        const tokens = outcome.outcomes[0]?.result;
        if (tokens === undefined || E.isLeft(tokens) || tokens.right.kind !== 'tokens') {
          return TE.left<AppError, never>({ _tag: 'RpcUnavailable', cause: tokens !== undefined && E.isLeft(tokens) ? tokens.left : undefined });
        }
        const { holdings, warnings, discoveredMetadata } = tokens.right.value;
        const positions = collectPositions(outcome.outcomes.slice(1));
        return pipe(
          TE.fromTask(() => rememberMetadata(deps, discoveredMetadata)),
          TE.flatMap(() => TE.fromTask(deps.priceFeed.getPrices(uniqueRefs([...holdings, ...positions.tokenRefs])))),
          TE.map((prices) =>
            valuePortfolio({
              walletAddress: wallet,
              chainId: deps.registry.chainId,
              blockNumber: outcome.blockNumber,
              holdings,
              prices,
              lendingPositions: positions.lending,
              liquidityPositions: positions.liquidity,
              healthFactor: positions.healthFactor,
              warnings: [...warnings, ...positions.warnings],
              now: deps.now(),
            }),
          ),
        );
      }),
    );

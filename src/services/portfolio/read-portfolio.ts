import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import { tokenBalancesPlan, type TokenBalancesResult, type TokenMetadata, type TokenToRead } from '../../adapters/protocols/erc20/token-balances-plan';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import { valuePortfolio } from '../../domain/portfolio/value-portfolio';
import type { PortfolioDeps } from './portfolio-deps';

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

/** One fresh read of a wallet: every balance at one block in one round trip, then one pricing call, then valuation. */
export const readPortfolio =
  (deps: PortfolioDeps) =>
  (wallet: WalletAddress, extraTokens: ReadonlyArray<Address>): TE.TaskEither<AppError, Portfolio> =>
    pipe(
      tokensToRead(deps, extraTokens),
      TE.flatMap((tokens) =>
        deps.readChain<TokenBalancesResult>([
          tokenBalancesPlan({ wallet, multicallAddress: deps.multicallAddress, nativeCoingeckoId: deps.registry.nativeCoingeckoId, tokens }),
        ]),
      ),
      TE.flatMap((outcome) => {
        const tokens = outcome.outcomes[0]?.result;
        if (tokens === undefined || E.isLeft(tokens)) {
          return TE.left<AppError, never>({ _tag: 'RpcUnavailable', cause: tokens === undefined ? undefined : tokens.left });
        }
        const { holdings, warnings, discoveredMetadata } = tokens.right;
        return pipe(
          TE.fromTask(() => rememberMetadata(deps, discoveredMetadata)),
          TE.flatMap(() => TE.fromTask(deps.priceFeed.getPrices(holdings))),
          TE.map((prices) =>
            valuePortfolio({
              walletAddress: wallet,
              chainId: deps.registry.chainId,
              blockNumber: outcome.blockNumber,
              holdings,
              prices,
              lendingPositions: [],
              liquidityPositions: [],
              healthFactor: null,
              warnings,
              now: deps.now(),
            }),
          ),
        );
      }),
    );

import * as t from 'io-ts';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import type { TokenAddress } from '../../domain/address/token-address';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { TokenRef } from '../../domain/tokens/token-ref';
import { valuePortfolio } from '../../domain/portfolio/value-portfolio';
import type { PortfolioDeps } from './portfolio-deps';
import type { TokenMetadata, TokenToRead, WalletOnChain } from './ports';
import type { ChainId } from '../../domain/address/chain-id';

const uniqueRefs = (refs: ReadonlyArray<TokenRef>): ReadonlyArray<TokenRef> => [...new Map(refs.map((r) => [r.key, r])).values()];

/** Every token the read found, once: the balances', then the lending and liquidity positions'. */
const tokensToPrice = (read: WalletOnChain): ReadonlyArray<TokenRef> =>
  uniqueRefs([...read.holdings, ...read.lending.map((p) => p.tokenRef), ...read.liquidity.flatMap((p) => [p.token0Ref, p.token1Ref])]);

const TokenMetadataCodec = t.type({ symbol: t.string, name: t.string, decimals: t.number });
const METADATA_TTL_SECONDS = 30 * 24 * 3600;

const metadataKey = (chainId: ChainId, address: string) => `token-meta:${chainId}:${address}`;

/** The registry tokens plus caller-added ones (with their cached metadata where we have it). */
const tokensToRead = (deps: PortfolioDeps, extra: ReadonlyArray<TokenAddress>): TE.TaskEither<never, ReadonlyArray<TokenToRead>> => {
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
  (wallet: WalletAddress, extraTokens: ReadonlyArray<TokenAddress>): TE.TaskEither<AppError, Portfolio> =>
    pipe(
      tokensToRead(deps, extraTokens),
      TE.flatMap((tokens) => deps.chain.readWallet(wallet, tokens)),
      TE.flatMap((read) =>
        pipe(
          TE.fromTask(() => rememberMetadata(deps, read.discoveredMetadata)),
          TE.flatMap(() => TE.fromTask(deps.priceFeed.getPrices(tokensToPrice(read)))),
          TE.map((prices) =>
            valuePortfolio({
              walletAddress: wallet,
              chainId: deps.registry.chainId,
              blockNumber: read.blockNumber,
              holdings: read.holdings,
              prices,
              lendingPositions: read.lending,
              liquidityPositions: read.liquidity,
              healthFactor: read.healthFactor,
              warnings: read.warnings,
              now: deps.now(),
            }),
          ),
        ),
      ),
    );

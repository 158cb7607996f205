import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import { summarizePortfolio, type PortfolioSummary } from '../../domain/portfolio/summarize-portfolio';
import { riskNotices, type RiskNotice } from '../../domain/risk/risk-alerts';
import type { HistoryRange, PortfolioHistory, PortfolioHistoryService, PortfolioPerformance } from './portfolio-history';
import type { PortfolioService } from './portfolio-service';
import { parseExtraTokens } from './resolve-wallet';

/** `GET /portfolio/:address/risk`: the portfolio's risk with its notices, at the block it was read. */
export type RiskReport = Portfolio['risk'] & { readonly alerts: ReadonlyArray<RiskNotice>; readonly blockNumber: number; readonly stale?: true };

/**
 * The portfolio use-cases as the edges call them: the wallet named as the client wrote it (0x or sei1), extra tokens as
 * the `tokens` list they sent. Each resolves the wallet first (INVALID_ADDRESS, ADDRESS_NOT_ASSOCIATED), then reads.
 */
export interface PortfolioQueries {
  readonly portfolio: (address: string, extraTokens: string | undefined) => TE.TaskEither<AppError, Portfolio>;
  readonly summary: (address: string, extraTokens: string | undefined) => TE.TaskEither<AppError, PortfolioSummary>;
  readonly risk: (address: string) => TE.TaskEither<AppError, RiskReport>;
  readonly history: (address: string, range: HistoryRange) => TE.TaskEither<AppError, PortfolioHistory>;
  readonly performance: (address: string, range: HistoryRange) => TE.TaskEither<AppError, PortfolioPerformance>;
  /** Reads the chain now, once `admit` let the resolved wallet through (the edge's per-client budget). */
  readonly refresh: (address: string, admit: (wallet: WalletAddress) => TE.TaskEither<AppError, void>) => TE.TaskEither<AppError, Portfolio>;
}

export interface PortfolioQueriesDeps {
  readonly portfolio: PortfolioService;
  readonly history: PortfolioHistoryService;
  /** 0x or sei1 input → checksummed address (sei1 resolved on chain). */
  readonly resolveWallet: (input: string) => TE.TaskEither<AppError, WalletAddress>;
  readonly maxExtraTokens: number;
}

export const makePortfolioQueries = (deps: PortfolioQueriesDeps): PortfolioQueries => {
  const portfolio = (address: string, extraTokens: string | undefined) =>
    pipe(
      TE.Do,
      TE.bind('wallet', () => deps.resolveWallet(address)),
      TE.bind('extra', () => parseExtraTokens(extraTokens, deps.maxExtraTokens)),
      TE.flatMap(({ wallet, extra }) => deps.portfolio.getPortfolio(wallet, extra)),
    );

  return {
    portfolio,
    summary: (address, extraTokens) => pipe(portfolio(address, extraTokens), TE.map(summarizePortfolio)),
    risk: (address) =>
      pipe(
        portfolio(address, undefined),
        TE.map((p) => ({ ...p.risk, alerts: riskNotices(p.risk.factors), blockNumber: p.blockNumber, ...(p.stale === true ? { stale: true as const } : {}) })),
      ),
    history: (address, range) => pipe(deps.resolveWallet(address), TE.flatMap((wallet) => deps.history.getHistory(wallet, range))),
    performance: (address, range) => pipe(deps.resolveWallet(address), TE.flatMap((wallet) => deps.history.getPerformance(wallet, range))),
    refresh: (address, admit) => pipe(deps.resolveWallet(address), TE.tap(admit), TE.flatMap(deps.portfolio.refresh)),
  };
};

import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { portfolioFigures, type PerformanceFigures, type PortfolioFigures } from '../../domain/ai/portfolio-figures';
import { portfolioPromptView, riskPromptView } from '../../domain/ai/portfolio-prompt-view';
import { sanitizePromptData } from '../../domain/ai/sanitize-prompt-data';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { WalletData } from './wallet-data';

/** The real numbers an answer is built on: the portfolio (with its risk), 30-day performance when there is history. */
export interface Grounding {
  readonly portfolio: Portfolio;
  readonly performance: PerformanceFigures | null;
  readonly figures: PortfolioFigures;
  /** What a model is shown, inside a data section. */
  readonly promptData: unknown;
}

/** Reads the wallet's portfolio (failing if it cannot be read at all) and its performance (null if that fails). */
export const loadGrounding =
  (data: WalletData) =>
  (wallet: WalletAddress): TE.TaskEither<AppError, Grounding> =>
    pipe(
      data.getPortfolio(wallet),
      TE.flatMap((portfolio) =>
        pipe(
          TE.fromTask(data.getPerformance(wallet, '30d')),
          TE.map((perf) => {
            const performance = E.isRight(perf) ? perf.right : null;
            return {
              portfolio,
              performance,
              figures: portfolioFigures(portfolio, performance),
              promptData: {
                portfolio: portfolioPromptView(portfolio),
                risk: riskPromptView(portfolio.risk),
                performance30d: performance === null ? null : sanitizePromptData(performance),
              },
            };
          }),
        ),
      ),
    );

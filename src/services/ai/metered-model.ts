import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { ChatModel } from './chat-model';
import type { TokenBudget } from './token-budget';

/** The model with every call's reported tokens charged to `wallet`'s daily budget (repairs and tool steps included). */
export const meteredModel = (model: ChatModel, wallet: WalletAddress, budget: TokenBudget): ChatModel => ({
  ...model,
  complete: (request, options) =>
    pipe(
      model.complete(request, options),
      TE.tap((completion) => TE.fromTask(() => budget.record(wallet, completion.usage.promptTokens + completion.usage.completionTokens))),
    ),
});

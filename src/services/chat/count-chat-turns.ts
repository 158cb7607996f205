import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import { isChatAborted, type ChatAborted, type ChatService } from './chat-service';

export type ChatTurnOutcome = 'answered' | 'aborted' | 'refused';

/** The chat service, reporting how each turn ended once it has settled (the exchange stored, or nothing stored). */
export const countChatTurns = (chat: ChatService, record: (outcome: ChatTurnOutcome) => void): ChatService => {
  const counted = <A>(turn: TE.TaskEither<AppError | ChatAborted, A>): TE.TaskEither<AppError | ChatAborted, A> =>
    pipe(
      turn,
      TE.tapIO(() => () => record('answered')),
      TE.tapError((e) => TE.fromIO(() => record(isChatAborted(e) ? 'aborted' : 'refused'))),
    );
  return {
    ...chat,
    send: (wallet, input, options) => counted(chat.send(wallet, input, options)),
    analysis: (wallet, focus, options) => counted(chat.analysis(wallet, focus, options)),
  };
};

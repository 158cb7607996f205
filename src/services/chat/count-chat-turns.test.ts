import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { ChatReply, ChatService } from './chat-service';
import { countChatTurns, type ChatTurnOutcome } from './count-chat-turns';

const WALLET = '0x1111111111111111111111111111111111111111' as WalletAddress;
const REPLY: ChatReply = { id: 'r1', response: 'hi', suggestions: [], actions: [], toolCalls: [], provider: 'heuristic', model: 'rules', createdAt: '2026-01-01T00:00:00.000Z' };

/** A chat service whose turns end as scripted, one per call. */
const scripted = (ends: ReadonlyArray<'answer' | 'abort' | 'refuse'>): ChatService => {
  const queue = [...ends];
  const next = () => {
    const end = queue.shift();
    if (end === 'answer') return TE.right(REPLY);
    if (end === 'abort') return TE.left({ _tag: 'ChatAborted' as const });
    return TE.left({ _tag: 'ValidationFailed' as const, details: [{ path: 'body.message', expected: 'a non-empty message' }] });
  };
  return { send: next, analysis: next, history: () => TE.right({ messages: [] }), deleteHistory: () => TE.right({ deleted: 0 }) };
};

describe('countChatTurns', () => {
  it('records each settled turn as answered, aborted or refused, and passes its result through unchanged', async () => {
    const seen: ChatTurnOutcome[] = [];
    const chat = countChatTurns(scripted(['answer', 'abort', 'refuse', 'answer']), (outcome) => seen.push(outcome));
    expect(await chat.send(WALLET, { message: 'hi' })()).toEqual(E.right(REPLY));
    expect(await chat.send(WALLET, { message: 'hi' })()).toEqual(E.left({ _tag: 'ChatAborted' }));
    expect(E.isLeft(await chat.analysis(WALLET, 'risk')())).toBe(true);
    expect(await chat.analysis(WALLET, 'risk')()).toEqual(E.right(REPLY));
    expect(seen).toEqual(['answered', 'aborted', 'refused', 'answered']);
  });
});

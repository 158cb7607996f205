import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { dataSection } from '../../domain/ai/data-section';
import type { ChatModel, ModelFailure, ModelMessage, ModelToolSpec } from './chat-model';
import type { ToolOutcome } from './wallet-tools';

/** A tool call as the API reports it. */
export interface ToolCallRecord {
  readonly name: string;
  readonly arguments: unknown;
}

export interface ToolLoopResult {
  /** Every content piece the model wrote, in order (what a stream delivered). */
  readonly content: string;
  readonly toolCalls: ReadonlyArray<ToolCallRecord>;
}

export interface ToolLoopOptions {
  readonly tools: ReadonlyArray<ModelToolSpec>;
  readonly runTool: (name: string, argumentsText: string) => Promise<ToolOutcome>;
  /** Model calls at most, the last one with tools disabled so it must answer. */
  readonly maxSteps: number;
  /** Tool calls run per model step at most; further ones are answered with an error. */
  readonly maxCallsPerStep?: number;
  readonly signal?: AbortSignal;
  readonly onDelta?: (delta: string) => void;
}

/**
 * The tool-call loop: ask, run the tools the model asked for (each result JSON in a data section), ask again, until
 * the model answers in text or the step budget is spent. Fails with the model's failure, or ModelBadResponse when the
 * model ends with no text at all.
 */
export const runToolLoop =
  (model: ChatModel, messages: ReadonlyArray<ModelMessage>, options: ToolLoopOptions): TE.TaskEither<ModelFailure, ToolLoopResult> =>
  async () => {
    const conversation: ModelMessage[] = [...messages];
    const toolCalls: ToolCallRecord[] = [];
    const maxCalls = options.maxCallsPerStep ?? 5;
    let content = '';
    for (let step = 0; step < options.maxSteps; step++) {
      const isLast = step === options.maxSteps - 1;
      const completion = await model.complete(
        { messages: conversation, tools: options.tools, toolChoice: isLast ? 'none' : 'auto' },
        { ...(options.signal === undefined ? {} : { signal: options.signal }), ...(options.onDelta === undefined ? {} : { onDelta: options.onDelta }) },
      )();
      if (E.isLeft(completion)) return completion;
      const c = completion.right;
      content += c.content ?? '';
      if (c.toolCalls.length === 0 || isLast) {
        return content.trim() === '' ? E.left({ _tag: 'ModelBadResponse', cause: c.refusal ?? 'empty answer' }) : E.right({ content, toolCalls });
      }
      conversation.push({ role: 'assistant', content: c.content, toolCalls: c.toolCalls });
      for (const [index, call] of c.toolCalls.entries()) {
        if (options.signal?.aborted === true) return E.left({ _tag: 'ModelAborted' });
        if (index >= maxCalls) {
          conversation.push({ role: 'tool', toolCallId: call.id, content: dataSection({ error: `at most ${maxCalls} tool calls per step` }) });
          continue;
        }
        const outcome = await options.runTool(call.name, call.arguments);
        toolCalls.push({ name: call.name, arguments: outcome.arguments });
        conversation.push({ role: 'tool', toolCallId: call.id, content: dataSection(outcome.result) });
      }
    }
    return E.left({ _tag: 'ModelBadResponse', cause: 'no steps' });
  };

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import * as E from 'fp-ts/Either';
import type { Logger } from '../../services/ports/logger';
import type { Metrics } from '../../infra/metrics';
import type { ChatModel, ModelCallOptions, ModelCompletion, ModelFailure, ModelMessage, ModelRequest, ModelToolCall } from '../../services/ai/chat-model';
import type { ModelHealth } from '../../services/ai/model-health';

export interface OpenAIChatModelOptions {
  readonly apiKey: string;
  readonly baseUrl: string | undefined;
  readonly model: string;
  /** Per attempt; a stream also fails when no chunk arrives for this long. */
  readonly timeoutMs: number;
  /** `max_tokens` of every call. */
  readonly maxTokens: number;
}

export interface OpenAIChatModelDeps {
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly health: ModelHealth;
}

const toSdkMessage = (m: ModelMessage): ChatCompletionMessageParam => {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'user':
      return { role: 'user', content: m.content };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content,
        ...(m.toolCalls === undefined || m.toolCalls.length === 0
          ? {}
          : { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }),
      };
  }
};

/** An abort, a timeout, the network or an HTTP status, as a ModelFailure. */
const classify = (error: unknown, callerAborted: boolean): ModelFailure => {
  if (error instanceof APIUserAbortError) return callerAborted ? { _tag: 'ModelAborted' } : { _tag: 'ModelTimeout' };
  if (error instanceof APIConnectionTimeoutError) return { _tag: 'ModelTimeout' };
  if (error instanceof APIConnectionError) return { _tag: 'ModelUnavailable', cause: error };
  if (error instanceof APIError) {
    if (error.status === 429) return { _tag: 'ModelRateLimited', cause: error };
    if (error.status !== undefined && error.status >= 500) return { _tag: 'ModelUnavailable', cause: error };
    return { _tag: 'ModelBadResponse', cause: error };
  }
  if (callerAborted) return { _tag: 'ModelAborted' };
  return { _tag: 'ModelBadResponse', cause: error };
};

interface ToolCallDraft {
  id: string;
  name: string;
  arguments: string;
}

/** Folds streamed chunks into one completion, passing content deltas on as they come. */
const makeStreamFolder = (onDelta: (delta: string) => void) => {
  let content: string | null = null;
  let refusal: string | null = null;
  let finishReason: string | null = null;
  let usage = { promptTokens: 0, completionTokens: 0 };
  const drafts = new Map<number, ToolCallDraft>();
  return {
    add: (chunk: ChatCompletionChunk) => {
      if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      const choice = chunk.choices[0];
      if (choice === undefined) return;
      if (typeof choice.delta.content === 'string' && choice.delta.content !== '') {
        content = (content ?? '') + choice.delta.content;
        onDelta(choice.delta.content);
      }
      if (typeof choice.delta.refusal === 'string') refusal = (refusal ?? '') + choice.delta.refusal;
      for (const call of choice.delta.tool_calls ?? []) {
        const draft = drafts.get(call.index) ?? { id: '', name: '', arguments: '' };
        if (call.id !== undefined) draft.id = call.id;
        if (call.function?.name !== undefined) draft.name += call.function.name;
        if (call.function?.arguments !== undefined) draft.arguments += call.function.arguments;
        drafts.set(call.index, draft);
      }
      if (choice.finish_reason !== null) finishReason = choice.finish_reason;
    },
    result: (): ModelCompletion => ({
      content,
      refusal,
      toolCalls: [...drafts.entries()].sort(([a], [b]) => a - b).map(([, d]): ModelToolCall => ({ ...d })),
      finishReason,
      usage,
    }),
  };
};

/**
 * The ChatModel on the official OpenAI SDK (any OpenAI-compatible endpoint via OPENAI_BASE_URL): `max_tokens` and the
 * configured model on every call, a per-attempt timeout, at most one retry. Records token usage and call outcomes in
 * the metrics and the health tracker; never throws.
 */
export const makeOpenAIChatModel = (options: OpenAIChatModelOptions, deps: OpenAIChatModelDeps): ChatModel => {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl === undefined ? {} : { baseURL: options.baseUrl }),
    timeout: options.timeoutMs,
    maxRetries: 1,
    logLevel: 'off',
  });

  const paramsOf = (request: ModelRequest): ChatCompletionCreateParamsBase => ({
    model: options.model,
    max_tokens: options.maxTokens,
    messages: request.messages.map(toSdkMessage),
    ...(request.tools === undefined || request.tools.length === 0
      ? {}
      : {
          tools: request.tools.map((tool) => ({
            type: 'function' as const,
            function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters } },
          })),
          tool_choice: request.toolChoice ?? 'auto',
        }),
    ...(request.jsonSchema === undefined
      ? {}
      : { response_format: { type: 'json_schema' as const, json_schema: { name: request.jsonSchema.name, schema: { ...request.jsonSchema.schema }, strict: true } } }),
  });

  const record = (outcome: 'ok' | 'error' | 'timeout' | 'aborted', completion?: ModelCompletion) => {
    deps.metrics.upstreamCalls.inc({ service: 'openai', outcome });
    if (completion !== undefined) {
      deps.metrics.aiTokens.inc({ kind: 'prompt' }, completion.usage.promptTokens);
      deps.metrics.aiTokens.inc({ kind: 'completion' }, completion.usage.completionTokens);
    }
    if (outcome === 'ok') deps.health.recordSuccess();
    else if (outcome !== 'aborted') deps.health.recordFailure();
  };

  const callOnce = async (request: ModelRequest, call: ModelCallOptions): Promise<ModelCompletion> => {
    const params = paramsOf(request);
    if (call.onDelta === undefined) {
      const completion = await client.chat.completions.create({ ...params, stream: false }, { signal: call.signal ?? null });
      const choice = completion.choices[0];
      if (choice === undefined) throw new Error('completion without choices');
      return {
        content: choice.message.content,
        refusal: choice.message.refusal ?? null,
        toolCalls: (choice.message.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [])),
        finishReason: choice.finish_reason,
        usage: { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 },
      };
    }
    // A stream also stops when the upstream goes quiet for a whole timeout, not only when the caller leaves.
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(), options.timeoutMs);
    const signal = call.signal === undefined ? idle.signal : AbortSignal.any([call.signal, idle.signal]);
    try {
      const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal });
      const folder = makeStreamFolder(call.onDelta);
      for await (const chunk of stream) {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), options.timeoutMs);
        folder.add(chunk);
      }
      return folder.result();
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    provider: 'openai',
    model: options.model,
    complete: (request, call = {}) => async () => {
      try {
        const completion = await callOnce(request, call);
        record('ok', completion);
        return E.right(completion);
      } catch (error) {
        const failure = classify(error, call.signal?.aborted === true);
        record(failure._tag === 'ModelAborted' ? 'aborted' : failure._tag === 'ModelTimeout' ? 'timeout' : 'error');
        if (failure._tag !== 'ModelAborted') deps.logger.warn('model call failed', { failure: failure._tag, cause: 'cause' in failure ? String(failure.cause) : undefined });
        return E.left(failure);
      }
    },
  };
};


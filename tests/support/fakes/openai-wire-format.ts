import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { PlannedMessage } from './fake-openai-reply';

/** Identity of one completion: shared by every chunk of a stream, like the real API. */
export interface CompletionIdentity {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
  };
}

const SYSTEM_FINGERPRINT = 'fp_fake';

const defaultErrors: Record<number, { readonly message: string; readonly type: string; readonly code: string | null }> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: {
    message:
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    type: 'invalid_request_error',
    code: null,
  },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: {
    message:
      'Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

/** OpenAI's error envelope, with the real default wording per status unless overridden. */
export const openAIErrorBody = (
  status: number,
  overrides: { readonly message?: string; readonly type?: string; readonly code?: string | null; readonly param?: string | null } = {},
): OpenAIErrorBody => {
  const fallback = defaultErrors[status] ?? { message: `HTTP ${status}`, type: 'server_error', code: null };
  return {
    error: {
      message: overrides.message ?? fallback.message,
      type: overrides.type ?? fallback.type,
      param: overrides.param ?? null,
      code: overrides.code === undefined ? fallback.code : overrides.code,
    },
  };
};

const textOfContent = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('');
};

/** Text of the last user message, used by the default reply. */
export const lastUserText = (body: ChatCompletionCreateParams): string => {
  const users = body.messages.filter((message) => message.role === 'user');
  const last = users[users.length - 1];
  return last === undefined ? '' : textOfContent(last.content);
};

const approximateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** Deterministic usage: about one token per four characters of prompt and of output. */
export const computeUsage = (
  body: ChatCompletionCreateParams,
  message: PlannedMessage,
  overrides: { readonly promptTokens?: number; readonly completionTokens?: number } = {},
): CompletionUsage => {
  const promptText = body.messages.map((m) => textOfContent(m.content)).join('\n');
  const outputText = [
    message.content ?? '',
    message.refusal ?? '',
    ...message.toolCalls.map((call) => call.name + call.arguments),
  ].join('');
  const promptTokens = overrides.promptTokens ?? approximateTokens(promptText);
  const completionTokens = overrides.completionTokens ?? approximateTokens(outputText);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
};

/** The non-streaming `chat.completion` object. */
export const toChatCompletion = (
  identity: CompletionIdentity,
  message: PlannedMessage,
  usage: CompletionUsage,
): ChatCompletion => ({
  id: identity.id,
  object: 'chat.completion',
  created: identity.created,
  model: identity.model,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: message.content,
        refusal: message.refusal,
        annotations: [],
        ...(message.toolCalls.length === 0
          ? {}
          : {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }),
      },
      logprobs: null,
      finish_reason: message.finishReason,
    },
  ],
  usage,
  service_tier: 'default',
  system_fingerprint: SYSTEM_FINGERPRINT,
});

/**
 * The `chat.completion.chunk` sequence of a stream: role first, then content (or refusal) deltas,
 * then per tool call a header delta (index, id, type, name, empty arguments) and argument fragments,
 * then an empty delta with finish_reason, then — with include_usage — a chunk with no choices and
 * the usage (every earlier chunk then carries `usage: null`, as the real API does).
 */
export const toChatCompletionChunks = (
  identity: CompletionIdentity,
  message: PlannedMessage,
  usage: CompletionUsage | undefined,
): ChatCompletionChunk[] => {
  const usageField = usage === undefined ? {} : { usage: null };
  const chunk = (delta: ChatCompletionChunk.Choice.Delta, finishReason: PlannedMessage['finishReason'] | null = null): ChatCompletionChunk => ({
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageField,
  });
  const chunks: ChatCompletionChunk[] = [
    chunk({ role: 'assistant', content: message.refusal === null && message.content !== null ? '' : null, refusal: message.refusal === null ? null : '' }),
    ...message.contentChunks.map((piece) => chunk({ content: piece })),
    ...message.refusalChunks.map((piece) => chunk({ refusal: piece })),
    ...message.toolCalls.flatMap((call, index) => [
      chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }),
      ...call.argumentChunks.map((fragment) => chunk({ tool_calls: [{ index, function: { arguments: fragment } }] })),
    ]),
    chunk({}, message.finishReason),
  ];
  if (usage !== undefined) {
    chunks.push({
      id: identity.id,
      object: 'chat.completion.chunk',
      created: identity.created,
      model: identity.model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices: [],
      usage,
    });
  }
  return chunks;
};

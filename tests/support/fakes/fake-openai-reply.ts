/** Timing knobs shared by the replies that answer 200. */
export interface FakeReplyTiming {
  /** Wait this long before the response head is sent (non-streaming and streaming). */
  readonly delayMs?: number;
  /** Streaming only: wait this long before each SSE event after the first (slow stream, for abort tests). */
  readonly chunkDelayMs?: number;
  /**
   * Streaming only: stop after this many `data:` events. `interruptWith: 'disconnect'` (default) destroys the
   * socket; `'error-event'` sends `data: {"error":{…}}` like OpenAI does on a mid-stream failure, then ends.
   */
  readonly interruptAfterChunks?: number;
  readonly interruptWith?: 'disconnect' | 'error-event';
  /** Overrides the deterministic token counts (chars / 4) reported in `usage`. */
  readonly usage?: { readonly promptTokens?: number; readonly completionTokens?: number };
}

/** A plain assistant message. `chunks` (streaming only) must concatenate to `content`. */
export interface FakeContentReply extends FakeReplyTiming {
  readonly content: string;
  readonly chunks?: ReadonlyArray<string>;
  readonly finishReason?: 'stop' | 'length' | 'content_filter';
}

export interface FakeToolCall {
  readonly name: string;
  /** An object is sent as JSON.stringify(arguments); a string is sent verbatim (e.g. to test malformed JSON). */
  readonly arguments: object | string;
  /** Defaults to a deterministic `call_fake_N`. */
  readonly id?: string;
}

/** The model calls tools (finish_reason `tool_calls`), optionally with some content too. */
export interface FakeToolCallsReply extends FakeReplyTiming {
  readonly toolCalls: ReadonlyArray<FakeToolCall>;
  readonly content?: string;
}

/** Structured output: content is JSON.stringify(json). */
export interface FakeJsonReply extends FakeReplyTiming {
  readonly json: unknown;
}

/** A structured-output refusal: `message.refusal` set, content null. */
export interface FakeRefusalReply extends FakeReplyTiming {
  readonly refusal: string;
}

/** An HTTP error in OpenAI's `{ error: { message, type, param, code } }` format. */
export interface FakeErrorReply {
  readonly status: number;
  /** Sent as `retry-after`. */
  readonly retryAfterSeconds?: number;
  readonly message?: string;
  readonly type?: string;
  readonly code?: string | null;
  readonly param?: string | null;
  readonly delayMs?: number;
}

/** Never answers; the connection stays open until the client goes away or the fake stops. */
export interface FakeHangReply {
  readonly hang: true;
}

/** HTTP 200 with `Content-Type: application/json` and this body as it is: a gateway's page, a truncated answer. */
export interface FakeGarbageReply {
  readonly garbage: string;
}

export type FakeChatReply =
  | FakeContentReply
  | FakeToolCallsReply
  | FakeJsonReply
  | FakeRefusalReply
  | FakeErrorReply
  | FakeHangReply
  | FakeGarbageReply;

export type FakeSuccessReply = FakeContentReply | FakeToolCallsReply | FakeJsonReply | FakeRefusalReply;

export interface PlannedToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
  readonly argumentChunks: ReadonlyArray<string>;
}

/** A success reply normalised into what both the JSON and the SSE encodings need. */
export interface PlannedMessage {
  readonly content: string | null;
  readonly contentChunks: ReadonlyArray<string>;
  readonly refusal: string | null;
  readonly refusalChunks: ReadonlyArray<string>;
  readonly toolCalls: ReadonlyArray<PlannedToolCall>;
  readonly finishReason: 'stop' | 'length' | 'content_filter' | 'tool_calls';
}

const FRAGMENT_LENGTH = 8;

/** Splits text into words with their trailing whitespace, the way token deltas usually look. */
export const splitIntoWords = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

/** Splits text into fixed-size fragments (JSON and tool arguments stream like this). */
export const splitIntoFragments = (text: string, size = FRAGMENT_LENGTH): string[] => {
  const fragments: string[] = [];
  for (let i = 0; i < text.length; i += size) fragments.push(text.slice(i, i + size));
  return fragments;
};

/** Throws (a test bug, not a runtime condition) when `chunks` do not concatenate to `content`. */
export const assertReplyIsCoherent = (reply: FakeChatReply): void => {
  if ('content' in reply && 'chunks' in reply && reply.chunks !== undefined && reply.chunks.join('') !== reply.content) {
    throw new Error(`fake OpenAI: chunks ${JSON.stringify(reply.chunks)} do not concatenate to content`);
  }
};

export const isErrorReply = (reply: FakeChatReply): reply is FakeErrorReply => 'status' in reply;
export const isHangReply = (reply: FakeChatReply): reply is FakeHangReply => 'hang' in reply;
export const isGarbageReply = (reply: FakeChatReply): reply is FakeGarbageReply => 'garbage' in reply;

/** Normalises a success reply; `nextToolCallId` supplies ids for tool calls that do not name one. */
export const planMessage = (reply: FakeSuccessReply, nextToolCallId: () => string): PlannedMessage => {
  if ('toolCalls' in reply) {
    return {
      content: reply.content ?? null,
      contentChunks: splitIntoWords(reply.content ?? ''),
      refusal: null,
      refusalChunks: [],
      toolCalls: reply.toolCalls.map((call) => {
        const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
        return { id: call.id ?? nextToolCallId(), name: call.name, arguments: args, argumentChunks: splitIntoFragments(args) };
      }),
      finishReason: 'tool_calls',
    };
  }
  if ('json' in reply) {
    const content = JSON.stringify(reply.json);
    return {
      content,
      contentChunks: splitIntoFragments(content),
      refusal: null,
      refusalChunks: [],
      toolCalls: [],
      finishReason: 'stop',
    };
  }
  if ('refusal' in reply) {
    return {
      content: null,
      contentChunks: [],
      refusal: reply.refusal,
      refusalChunks: splitIntoWords(reply.refusal),
      toolCalls: [],
      finishReason: 'stop',
    };
  }
  return {
    content: reply.content,
    contentChunks: reply.chunks ?? splitIntoWords(reply.content),
    refusal: null,
    refusalChunks: [],
    toolCalls: [],
    finishReason: reply.finishReason ?? 'stop',
  };
};

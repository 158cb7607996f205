import type * as TE from 'fp-ts/TaskEither';
import type { AnswerSchema } from '../../domain/ai/answer-text';

/** A tool call the model asked for; `arguments` is the JSON text it sent. */
export interface ModelToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export type ModelMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string | null; readonly toolCalls?: ReadonlyArray<ModelToolCall> }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** A function the model may call: JSON-schema parameters. */
export interface ModelToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ModelRequest {
  readonly messages: ReadonlyArray<ModelMessage>;
  readonly tools?: ReadonlyArray<ModelToolSpec>;
  /** 'none' forbids tool calls (the last step of a tool loop). */
  readonly toolChoice?: 'auto' | 'none';
  /** Structured output: the answer must be JSON matching this schema (strict). */
  readonly jsonSchema?: AnswerSchema;
}

export interface ModelUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ModelCompletion {
  readonly content: string | null;
  readonly refusal: string | null;
  readonly toolCalls: ReadonlyArray<ModelToolCall>;
  readonly finishReason: string | null;
  readonly usage: ModelUsage;
}

/** Why a model call failed. 'ModelAborted' means our caller went away (a client disconnect): nothing to fall back to. */
export type ModelFailure =
  | { readonly _tag: 'ModelUnavailable'; readonly cause?: unknown }
  | { readonly _tag: 'ModelTimeout' }
  | { readonly _tag: 'ModelRateLimited'; readonly cause?: unknown }
  | { readonly _tag: 'ModelBadResponse'; readonly cause?: unknown }
  | { readonly _tag: 'ModelAborted' };

export interface ModelCallOptions {
  readonly signal?: AbortSignal;
  /** When given, the answer is streamed and each content delta is passed here as it arrives. */
  readonly onDelta?: (delta: string) => void;
}

/** The chat-completion port the AI and chat services depend on (filled by the OpenAI adapter). */
export interface ChatModel {
  /** "openai" (an OpenAI-compatible endpoint). */
  readonly provider: string;
  readonly model: string;
  readonly complete: (request: ModelRequest, options?: ModelCallOptions) => TE.TaskEither<ModelFailure, ModelCompletion>;
}

import * as t from 'io-ts';

/** How one documented answer looks: the `data` of the success envelope, another whole body, plain text, or nothing. */
export type AnswerContract =
  | { readonly description: string; readonly data: t.Mixed }
  | { readonly description: string; readonly body: t.Mixed }
  | { readonly description: string; readonly text: string }
  | { readonly description: string; readonly empty: true };

/**
 * One route of the public API as the OpenAPI document states it, built from the codecs the route decodes and answers
 * with. `path` is the OpenAPI template (`/api/portfolio/{address}`); path parameters are strings.
 */
export interface RouteContract {
  readonly method: 'get' | 'post' | 'delete';
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly auth?: 'bearer' | 'metrics';
  readonly params?: Readonly<Record<string, string>>;
  /** An object codec (t.type / t.partial / t.exact of them): each property is one query parameter. */
  readonly query?: t.Mixed;
  readonly body?: t.Mixed;
  /** The success answers by status. */
  readonly answers: Readonly<Record<number, AnswerContract>>;
  /** Error statuses (each answers the error envelope). */
  readonly errors: ReadonlyArray<number>;
  /** Also answers `text/event-stream` (chunk / done / error events) when the client accepts it. */
  readonly eventStream?: boolean;
}

export const NullableNumber = t.union([t.number, t.null]);
export const NullableString = t.union([t.string, t.null]);

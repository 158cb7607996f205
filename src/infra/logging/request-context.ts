import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `requestId` attached to every log line written inside it. */
export const runWithRequestId = <A>(requestId: string, fn: () => A): A => storage.run({ requestId }, fn);

/** The request id of the current async context, if any. */
export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

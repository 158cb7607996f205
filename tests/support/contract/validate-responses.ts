/**
 * Jest setup (package.json `setupFilesAfterEnv`): every response a test receives through supertest is checked against
 * the OpenAPI document; a response that breaks it fails that request's test, so a field that drifts fails CI.
 */
import request from 'supertest';
import type { Response } from 'supertest';
import { makeOpenApiValidator } from './openapi-validator';

type Assert = (this: request.Test, resError: Error | null, res: Response, fn: (err: Error | null, res: Response) => void) => void;

// Built on first use, so test files that never answer through supertest pay nothing.
let validator: ReturnType<typeof makeOpenApiValidator> | undefined;
const test = request.Test.prototype as unknown as { assert: Assert; method: string; url: string };
const original = test.assert;

test.assert = function (this: request.Test & { method: string; url: string }, resError, res, fn) {
  if (res !== undefined && res !== null) {
    const problem = (validator ??= makeOpenApiValidator()).problemWith({
      method: this.method,
      url: this.url,
      status: res.status,
      contentType: res.headers['content-type'],
      body: res.body as unknown,
    });
    if (problem !== undefined) return fn(new Error(problem), res);
  }
  return original.call(this, resError, res, fn);
};

import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { waitUntil } from '../wait-until';

const collectSse = async (response: Response): Promise<string[]> => {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((event) => event.length > 0)
    .map((event) => event.replace(/^data: /, ''));
};

describe('fake OpenAI with the official SDK', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    client = new OpenAI({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  it('answers a plain completion with the scripted content, usage and the request recorded', async () => {
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}/v1`);
    fake.enqueue({ content: 'SEI is up 3% today.' });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'How is SEI?' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: 'SEI is up 3% today.', refusal: null, annotations: [] },
        finish_reason: 'stop',
        logprobs: null,
      },
    ]);
    // "You are terse.\nHow is SEI?" is 26 chars → 7 tokens; the 19-char answer → 5 tokens.
    expect(completion.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
    expect(completion._request_id).toMatch(/^req_fake/);

    const [request] = fake.requests();
    expect(request?.body.model).toBe('gpt-4o-mini');
    expect(request?.body.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'How is SEI?' },
    ]);
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(request?.closedByClient).toBe(false);
    expect(request?.status).toBe(200);
  });

  it('answers with the deterministic default reply when nothing is queued, or a custom default', async () => {
    const first = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
    expect(first.choices[0]?.message.content).toBe('Fake reply to: ping');
    fake.setDefaultReply((body) => ({ json: { echoedModel: body.model } }));
    const second = await client.chat.completions.create({ model: 'm2', messages: [{ role: 'user', content: 'x' }] });
    expect(second.choices[0]?.message.content).toBe('{"echoedModel":"m2"}');
  });

  it('answers a tool call with finish_reason tool_calls and JSON arguments', async () => {
    fake.enqueue({ toolCalls: [{ name: 'get_portfolio', arguments: { wallet: '0xabc', includeLp: true } }] });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What do I hold?' }],
      tools: [
        {
          type: 'function',
          function: { name: 'get_portfolio', parameters: { type: 'object', properties: { wallet: { type: 'string' } } } },
        },
      ],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_fake_\d+$/),
        type: 'function',
        function: { name: 'get_portfolio', arguments: '{"wallet":"0xabc","includeLp":true}' },
      },
    ]);
    expect(fake.requests()[0]?.body.tools?.[0]).toMatchObject({ type: 'function', function: { name: 'get_portfolio' } });
  });

  it('serves structured output that the SDK parse helper decodes', async () => {
    fake.enqueue({ json: { riskScore: 42, reasons: ['concentration'] } });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Rate my risk' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'risk',
          strict: true,
          schema: {
            type: 'object',
            properties: { riskScore: { type: 'number' }, reasons: { type: 'array', items: { type: 'string' } } },
            required: ['riskScore', 'reasons'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(completion.choices[0]?.message.parsed).toEqual({ riskScore: 42, reasons: ['concentration'] });
  });

  it('answers a structured-output refusal with content null and message.refusal set', async () => {
    fake.enqueue({ refusal: "I can't help with that." });
    const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: "I can't help with that.",
      annotations: [],
    });
  });

  it('streams content deltas that concatenate to the reply, then a usage chunk when asked', async () => {
    fake.enqueue({ content: 'Hello from the fake', chunks: ['Hel', 'lo from', ' the fake'] });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    const finishReasons: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let roles = 0;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      const choice = chunk.choices[0];
      if (choice?.delta.role === 'assistant') roles += 1;
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice !== undefined) finishReasons.push(choice.finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(roles).toBe(1);
    expect(deltas).toEqual(['Hel', 'lo from', ' the fake']);
    expect(finishReasons.at(-1)).toBe('stop');
    expect(finishReasons.slice(0, -1).every((reason) => reason === null)).toBe(true);
    expect(usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 5, total_tokens: 6 });
  });

  it('speaks the exact SSE framing: role chunk first, usage only when include_usage, [DONE] last', async () => {
    fake.enqueue({ content: 'a b' });
    const response = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await collectSse(response);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as OpenAI.ChatCompletionChunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'a ' },
      { content: 'b' },
      {},
    ]);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('streams tool calls in deltas that the SDK stream helper reassembles', async () => {
    fake.enqueue({
      toolCalls: [
        { name: 'get_prices', arguments: { tokens: ['SEI', 'USDC'] }, id: 'call_1' },
        { name: 'get_risk', arguments: { wallet: '0x0000000000000000000000000000000000000001' }, id: 'call_2' },
      ],
    });
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'analyse' }],
      tools: [
        { type: 'function', function: { name: 'get_prices', parameters: { type: 'object' } } },
        { type: 'function', function: { name: 'get_risk', parameters: { type: 'object' } } },
      ],
    });
    const firstCallDeltas: string[] = [];
    stream.on('tool_calls.function.arguments.delta', (event) => {
      if (event.index === 0) firstCallDeltas.push(event.arguments_delta);
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.tool_calls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'get_prices', arguments: '{"tokens":["SEI","USDC"]}' } },
      {
        id: 'call_2',
        type: 'function',
        function: {
          name: 'get_risk',
          arguments: '{"wallet":"0x0000000000000000000000000000000000000001"}',
        },
      },
    ]);
    // The header delta carries empty arguments, then they arrive in 8-character fragments.
    expect(firstCallDeltas).toEqual(['', '{"tokens', '":["SEI"', ',"USDC"]', '}']);
  });

  it('surfaces a scripted 500 as OpenAI.APIError with status 500 and the real error body', async () => {
    fake.enqueue({ status: 500 });
    const error = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(500);
    expect(apiError.type).toBe('server_error');
    expect(apiError.error).toEqual({
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    });
  });

  it('answers a garbage reply as 200 JSON-labelled bytes, which the SDK fails to parse, and records it', async () => {
    fake.enqueue({ garbage: '{"id":"chatcmpl-1","choices":[' });
    const raw = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect([raw.status, raw.headers.get('content-type'), await raw.text()]).toEqual([200, 'application/json', '{"id":"chatcmpl-1","choices":[']);

    fake.enqueue({ garbage: '<html>502</html>' });
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toThrow();
    expect(fake.requests().map((r) => r.status)).toEqual([200, 200]);
  });

  it('surfaces a scripted 429 as RateLimitError with retry-after', async () => {
    fake.enqueue({ status: 429, retryAfterSeconds: 7 });
    const error = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(apiError.status).toBe(429);
    expect(apiError.code).toBe('rate_limit_exceeded');
    expect(apiError.headers.get('retry-after')).toBe('7');
  });

  it('lets the SDK retry after a 429 when retries are on, using the next queued reply', async () => {
    const retrying = new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 1 });
    fake.enqueue({ status: 429, retryAfterSeconds: 0 }, { content: 'second try' });
    const completion = await retrying.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]?.message.content).toBe('second try');
    expect(fake.requests().map((r) => r.status)).toEqual([429, 200]);
    expect(fake.requests()[1]?.headers['x-stainless-retry-count']).toBe('1');
  });

  it('marks closedByClient when the client aborts mid-stream', async () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i} `).join('');
    fake.enqueue({ content: words, chunkDelayMs: 100 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'long' }], stream: true },
      { signal: controller.signal },
    );
    const received: string[] = [];
    const consume = (async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) received.push(content);
        if (received.length === 2) controller.abort();
      }
    })();
    await consume.catch(() => undefined);
    const closed = await fake.waitForClientClose(2_000);
    expect(closed.closedByClient).toBe(true);
    expect(received).toEqual(['w0 ', 'w1 ']);
    expect(fake.requests()[0]?.closedByClient).toBe(true);
  });

  it('does not mark closedByClient for a completed response', async () => {
    fake.enqueue({ content: 'done' });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    for await (const _chunk of stream) {
      // drain
    }
    // The fake has finished writing the answer: a close from now on is no longer the client leaving.
    await waitUntil(() => fake.requests()[0]?.status, 2_000, () => 'the fake to finish its answer');
    expect(fake.requests()[0]?.closedByClient).toBe(false);
  });

  it('hangs until the client gives up, and records that the client left', async () => {
    fake.enqueue({ hang: true });
    const error = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { timeout: 200 })
      .then(() => undefined, (e: unknown) => e);
    // The SDK's timeout is a connection error (under jest the abort reason crosses realms, so the
    // SDK reports the base APIConnectionError rather than its Timeout subclass).
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    const closed = await fake.waitForClientClose(2_000);
    expect(closed.status).toBeUndefined();
    expect(closed.reply).toEqual({ hang: true });
  });

  it('sends an error event mid-stream that the SDK raises as APIError', async () => {
    fake.enqueue({ content: 'one two three four', interruptAfterChunks: 2, interruptWith: 'error-event' });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) received.push(content);
      }
    })().then(() => undefined, (e: unknown) => e);
    expect(received).toEqual(['one ']);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).message).toContain('The server had an error');
    expect(fake.requests()[0]?.closedByClient).toBe(false);
  });

  it('drops the connection mid-stream without counting it as a client close', async () => {
    fake.enqueue({ content: 'one two three four', interruptAfterChunks: 2 });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    const failure = await (async () => {
      for await (const _chunk of stream) {
        // drain
      }
    })().then(() => undefined, (e: unknown) => e);
    // Node's fetch reports a socket closed mid-body as TypeError('terminated').
    expect(failure).toMatchObject({ message: 'terminated' });
    expect(fake.requests()[0]?.closedByClient).toBe(false);
  });

  it('answers 401 in the real error format when Authorization is missing', async () => {
    const response = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error['type']).toBe('invalid_request_error');
    expect(String(body.error['message'])).toMatch(/^You didn't provide an API key/);
    expect(fake.pendingReplies()).toBe(0);
    expect(fake.requests()[0]?.status).toBe(401);
  });

  it('answers 404 for other paths and 400 for malformed bodies, outside requests()', async () => {
    const notFound = await fetch(`${fake.url}/embeddings`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{}' });
    expect(notFound.status).toBe(404);
    const badJson = await fetch(`${fake.url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{' });
    expect(badJson.status).toBe(400);
    expect(fake.requests()).toHaveLength(0);
    expect(fake.unmatchedRequests().map((r) => [r.path, r.status])).toEqual([
      ['/v1/embeddings', 404],
      ['/v1/chat/completions', 400],
    ]);
  });

  it('waitForRequests resolves once enough requests arrived and rejects on timeout', async () => {
    fake.enqueue({ content: 'a', delayMs: 50 }, { content: 'b', delayMs: 50 });
    const calls = Promise.all([
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '1' }] }),
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '2' }] }),
    ]);
    const seen = await fake.waitForRequests(2, 2_000);
    expect(seen).toHaveLength(2);
    await calls;
    await expect(fake.waitForRequests(3, 100)).rejects.toThrow('expected 3 request(s) within 100 ms, got 2');
  });

  it('rejects chunks that do not add up to the content at enqueue time', () => {
    expect(() => fake.enqueue({ content: 'abc', chunks: ['a', 'b'] })).toThrow('do not concatenate');
  });
});

describe('fake OpenAI options and shutdown', () => {
  it('refuses a wrong bearer token with invalid_api_key when apiKey is set', async () => {
    const fake = await startFakeOpenAI({ apiKey: 'right' });
    try {
      const client = new OpenAI({ apiKey: 'wrong', baseURL: fake.url, maxRetries: 0 });
      const error = await client.chat.completions
        .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    } finally {
      await fake.stop();
    }
  });

  it('stop() closes a hanging request so nothing is left open', async () => {
    const fake = await startFakeOpenAI();
    const client = new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
    fake.enqueue({ hang: true });
    const pending = client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .then(() => undefined, (e: unknown) => e);
    await fake.waitForRequests(1, 2_000);
    await fake.stop();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(fake.requests()[0]?.closedByClient).toBe(false);
  });
});

import { request as httpRequest } from 'node:http';
import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { collect, connectClient, emitWithAck, type ClientSocket } from '../realtime/support/socket-client';
import { counterValue, waitForCount } from '../support/metric-count';
import { parseSse, startAiHarness, tokenFor, type AiHarness } from './ai-harness';

jest.setTimeout(120_000);

interface ChunkData {
  readonly id: string;
  readonly delta: string;
}

const CHUNKS = ['Your portfolio ', 'is worth $765.00, ', 'mostly WSEI ', '(65.4%). ', 'Stablecoins ', 'are 32.7%.'];

/** POSTs a streamed chat message with node:http; resolves once `onEvent` has seen what it wants, then lets the test act. */
const openStream = (app: RunningServer, token: string, message: string) => {
  const events: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  let onEvent: () => void = () => undefined;
  const req = httpRequest(`${app.url}/api/chat/message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
  });
  const response = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        buffer += text;
        const complete = buffer.lastIndexOf('\n\n');
        if (complete < 0) return;
        events.push(...parseSse(buffer.slice(0, complete + 2)));
        buffer = buffer.slice(complete + 2);
        onEvent();
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
  });
  req.end(JSON.stringify({ message }));
  const waitFor = (count: number) =>
    new Promise<void>((resolve) => {
      onEvent = () => {
        if (events.length >= count) resolve();
      };
      onEvent();
    });
  return { events, response, waitFor, destroy: () => req.destroy() };
};

describe('streamed chat answers (Server-Sent Events)', () => {
  let h: AiHarness;
  let app: RunningServer;
  beforeAll(async () => {
    h = await startAiHarness();
    app = await h.startApp();
  });
  afterEach(() => h.fake.reset());
  afterAll(() => h.stop());

  it('streams the chunks in order under one id, then `done` with the full message equal to their concatenation', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(app, wallet);
    h.fake.enqueue({ toolCalls: [{ name: 'get_portfolio', arguments: {} }] }, { content: CHUNKS.join(''), chunks: CHUNKS });
    const res = await request(app.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).set('Accept', 'text/event-stream').send({ message: 'How much is my portfolio worth?' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache, no-transform');
    const events = parseSse(res.text);
    const chunks = events.filter((e) => e.event === 'chunk').map((e) => e.data as ChunkData);
    const done = events.at(-1);
    expect(events.map((e) => e.event)).toEqual([...CHUNKS.map(() => 'chunk'), 'done']);
    expect(chunks.map((c) => c.delta)).toEqual(CHUNKS);
    expect(done?.data).toMatchObject({ response: CHUNKS.join(''), provider: 'openai', toolCalls: [{ name: 'get_portfolio', arguments: {} }] });
    const id = (done?.data as { id: string }).id;
    expect(chunks.every((c) => c.id === id)).toBe(true);
    // Each step of the tool loop was streamed from the model, with usage reported.
    expect(h.fake.requests().map((r) => [r.body.stream, r.body.stream_options?.include_usage])).toEqual([
      [true, true],
      [true, true],
    ]);

    const history = await request(app.app).get('/api/chat/history').set('Authorization', `Bearer ${token}`);
    expect(history.body.data.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'How much is my portfolio worth?'],
      ['assistant', CHUNKS.join('')],
    ]);
    expect(history.body.data.messages[1].id).toBe(id);
  });

  it('answers a refusal before the stream opens as a plain JSON error with its status', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(app, wallet);
    const res = await request(app.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).set('Accept', 'text/event-stream').send({ message: '' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('aborts the upstream model request when the client disconnects mid-stream, and stores nothing', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(app, wallet);
    const words = Array.from({ length: 40 }, (_, i) => `word${i} `);
    h.fake.enqueue({ content: words.join(''), chunks: words, chunkDelayMs: 150 });
    const abortedBefore = await counterValue(app.metrics.chatTurns, { outcome: 'aborted' });
    const stream = openStream(app, token, 'Tell me a long story about my portfolio');
    expect(await stream.response).toBe(200);
    await stream.waitFor(2);
    expect(stream.events.slice(0, 2).map((e) => (e.data as ChunkData).delta)).toEqual(words.slice(0, 2));
    stream.destroy();

    const closed = await h.fake.waitForClientClose(5000);
    expect(closed.closedByClient).toBe(true);
    expect(closed.body.stream).toBe(true);
    // Once the turn has settled as aborted, it has stored neither the partial answer nor the question.
    await waitForCount(app.metrics.chatTurns, { outcome: 'aborted' }, abortedBefore + 1);
    const history = await request(app.app).get('/api/chat/history').set('Authorization', `Bearer ${token}`);
    expect(history.body.data).toEqual({ messages: [] });
    const rows = await app.database.pool.query('SELECT count(*)::int AS n FROM chat_messages WHERE wallet = $1', [wallet.address]);
    expect(rows.rows[0]?.n).toBe(0);
    expect(h.fake.requests()).toHaveLength(1);
  });

  describe('over Socket.IO (chat_message)', () => {
    const sockets: ClientSocket[] = [];
    afterEach(() => sockets.splice(0).forEach((s) => s.close()));
    const connect = async (token?: string) => {
      const socket = await connectClient(app.url, token === undefined ? {} : { auth: { token } });
      sockets.push(socket);
      return socket;
    };

    it('streams chat_chunk events in order, then chat_response with their concatenation, and acks the reply', async () => {
      const wallet = await h.holder();
      const socket = await connect(await tokenFor(app, wallet));
      const chunks = collect<ChunkData>(socket, 'chat_chunk');
      const responses = collect<{ id: string; response: string; toolCalls: unknown[]; timestamp: string }>(socket, 'chat_response');
      h.fake.enqueue({ toolCalls: [{ name: 'get_risk', arguments: {} }] }, { content: CHUNKS.join(''), chunks: CHUNKS });

      const ack = await emitWithAck<{ id: string; response: string }>(socket, 'chat_message', { message: 'How much is my portfolio worth?' });
      expect(ack.ok).toBe(true);
      expect(chunks.map((c) => c.delta)).toEqual(CHUNKS);
      expect(responses).toHaveLength(1);
      const [response] = responses;
      expect(response).toMatchObject({ response: CHUNKS.join(''), toolCalls: [{ name: 'get_risk', arguments: {} }], suggestions: expect.any(Array) });
      expect(response?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(chunks.every((c) => c.id === response?.id)).toBe(true);
      expect(ack.data).toMatchObject({ id: response?.id, response: CHUNKS.join('') });
    });

    it('acks UNAUTHORIZED without a token and VALIDATION_ERROR for a bad message, without calling the model', async () => {
      const anonymous = await connect();
      const refused = await emitWithAck(anonymous, 'chat_message', { message: 'hi' });
      expect(refused).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first: connect with auth: { token }' } });
      const wallet = await h.holder();
      const socket = await connect(await tokenFor(app, wallet));
      const invalid = await emitWithAck(socket, 'chat_message', { message: 'x'.repeat(2001) });
      expect(invalid.ok).toBe(false);
      expect(invalid.error?.code).toBe('VALIDATION_ERROR');
      expect(h.fake.requests()).toHaveLength(0);
    });

    it('aborts the upstream model request when the socket disconnects mid-answer, and stores nothing', async () => {
      const wallet = await h.holder();
      const token = await tokenFor(app, wallet);
      const socket = await connect(token);
      const words = Array.from({ length: 40 }, (_, i) => `word${i} `);
      h.fake.enqueue({ content: words.join(''), chunks: words, chunkDelayMs: 150 });
      const abortedBefore = await counterValue(app.metrics.chatTurns, { outcome: 'aborted' });
      const firstChunk = new Promise<ChunkData>((resolve) => socket.once('chat_chunk', resolve));
      socket.emit('chat_message', { message: 'Tell me a long story' });
      expect((await firstChunk).delta).toBe('word0 ');
      socket.disconnect();

      const closed = await h.fake.waitForClientClose(5000);
      expect(closed.closedByClient).toBe(true);
      await waitForCount(app.metrics.chatTurns, { outcome: 'aborted' }, abortedBefore + 1);
      const history = await request(app.app).get('/api/chat/history').set('Authorization', `Bearer ${token}`);
      expect(history.body.data).toEqual({ messages: [] });
    });
  });
});

import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { startAiHarness, textOf, tokenFor, type AiHarness } from './ai-harness';

jest.setTimeout(120_000);

interface MessageJson {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly createdAt: string;
}

describe('chat history: encrypted at rest, paginated, owned by its wallet', () => {
  let h: AiHarness;
  let app: RunningServer;
  beforeAll(async () => {
    h = await startAiHarness();
    app = await h.startApp();
    h.fake.setDefaultReply((body) => ({ content: `Answer to: ${textOf(body.messages.at(-1)?.content)}` }));
  });
  afterAll(() => h.stop());

  const say = async (token: string, message: string) => {
    const res = await request(app.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message });
    expect(res.status).toBe(200);
    return res.body.data as { id: string; response: string };
  };
  const history = async (token: string, query = '') => request(app.app).get(`/api/chat/history${query}`).set('Authorization', `Bearer ${token}`);

  it('pages the history backwards with ?limit and ?before, oldest first within a page', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(app, wallet);
    for (const q of ['q1', 'q2', 'q3']) await say(token, q);

    const all = (await history(token)).body.data.messages as MessageJson[];
    expect(all.map((m) => [m.role, m.content])).toEqual([
      ['user', 'q1'],
      ['assistant', 'Answer to: q1'],
      ['user', 'q2'],
      ['assistant', 'Answer to: q2'],
      ['user', 'q3'],
      ['assistant', 'Answer to: q3'],
    ]);
    expect(all.every((m) => /^\d{4}-\d\d-\d\dT.*Z$/.test(m.createdAt))).toBe(true);

    const pages: string[][] = [];
    let before: string | undefined;
    for (;;) {
      const res = await history(token, `?limit=2${before === undefined ? '' : `&before=${before}`}`);
      expect(res.status).toBe(200);
      const page = res.body.data.messages as MessageJson[];
      if (page.length === 0) break;
      pages.push(page.map((m) => m.content));
      before = page[0]?.id;
    }
    expect(pages).toEqual([
      ['q3', 'Answer to: q3'],
      ['q2', 'Answer to: q2'],
      ['q1', 'Answer to: q1'],
    ]);
    expect((await history(token, '?limit=0')).status).toBe(400);
    expect((await history(token, '?limit=101')).status).toBe(400);
  });

  it('never shows one wallet another wallet\'s history: its own empty list, 404 for the other\'s ids, nothing deleted', async () => {
    const [owner, stranger] = [await h.holder(), await h.holder()];
    const [ownerToken, strangerToken] = [await tokenFor(app, owner), await tokenFor(app, stranger)];
    const answer = await say(ownerToken, 'my secret plan');

    expect((await history(strangerToken)).body).toEqual({ success: true, data: { messages: [] } });
    const probe = await history(strangerToken, `?before=${answer.id}`);
    expect(probe.status).toBe(404);
    expect(probe.body.error.code).toBe('NOT_FOUND');
    expect((await history(strangerToken, '?before=not-a-uuid')).status).toBe(404);
    const wipe = await request(app.app).delete('/api/chat/history').set('Authorization', `Bearer ${strangerToken}`);
    expect(wipe.body).toEqual({ success: true, data: { deleted: 0 } });
    expect((await history(ownerToken)).body.data.messages).toHaveLength(2);
  });

  it('stores content encrypted (AES-256-GCM, fresh IV per message, bound to its wallet): no plaintext in the table', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(app, wallet);
    const secret = 'I keep my seed phrase under the mattress';
    await say(token, secret);
    await say(token, secret);

    const { rows } = await app.database.pool.query<{ id: string; content: Buffer; role: string }>('SELECT id, content, role FROM chat_messages WHERE wallet = $1 ORDER BY seq', [wallet.address]);
    expect(rows.map((r) => r.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    for (const row of rows) {
      expect(row.content.toString('utf8')).not.toContain('mattress');
      expect(row.content.toString('latin1')).not.toContain('mattress');
      expect(row.content.toString('hex')).not.toContain(Buffer.from('mattress').toString('hex'));
    }
    const userRows = rows.filter((r) => r.role === 'user');
    // iv (12) | tag (16) | ciphertext (same length as the UTF-8 plaintext); the same text twice encrypts differently.
    expect(userRows.map((r) => r.content.length)).toEqual([28 + Buffer.byteLength(secret), 28 + Buffer.byteLength(secret)]);
    expect(userRows[0]?.content.subarray(0, 12).equals(userRows[1]?.content.subarray(0, 12) ?? Buffer.alloc(0))).toBe(false);
    expect(userRows[0]?.content.equals(userRows[1]?.content ?? Buffer.alloc(0))).toBe(false);

    // A row moved to another wallet does not decrypt there (the wallet is authenticated data): it is not shown.
    const thief = await h.holder();
    const thiefToken = await tokenFor(app, thief);
    await app.database.pool.query('UPDATE chat_messages SET wallet = $1 WHERE id = $2', [thief.address, rows[0]?.id]);
    expect((await history(thiefToken)).body.data.messages).toEqual([]);
    expect((await history(token)).body.data.messages).toHaveLength(3);
  });

  it('deletes the history with DELETE /api/chat/history, and DELETE /api/me/data erases it too', async () => {
    const [a, b] = [await h.holder(), await h.holder()];
    const [tokenA, tokenB] = [await tokenFor(app, a), await tokenFor(app, b)];
    await say(tokenA, 'one');
    await say(tokenA, 'two');
    await say(tokenB, 'three');

    const deleted = await request(app.app).delete('/api/chat/history').set('Authorization', `Bearer ${tokenA}`);
    expect(deleted.body).toEqual({ success: true, data: { deleted: 4 } });
    expect((await history(tokenA)).body.data.messages).toEqual([]);

    const erased = await request(app.app).delete('/api/me/data').set('Authorization', `Bearer ${tokenB}`);
    expect(erased.status).toBe(200);
    expect(erased.body.data.erased.chatMessages).toBe(2);
    const { rows } = await app.database.pool.query('SELECT count(*)::int AS n FROM chat_messages WHERE wallet = $1', [b.address]);
    expect(rows[0]?.n).toBe(0);
  });

  it('shows the model a bounded window of the 10 most recent messages', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(app, wallet);
    for (let i = 1; i <= 6; i++) await say(token, `turn ${i}`);
    h.fake.reset();
    h.fake.setDefaultReply((body) => ({ content: `Answer to: ${textOf(body.messages.at(-1)?.content)}` }));
    await say(token, 'turn 7');
    const [req] = h.fake.requests();
    const messages = (req?.body.messages ?? []).map((m) => [m.role, textOf(m.content)]);
    expect(messages[0]?.[0]).toBe('system');
    expect(messages.slice(1)).toEqual([
      ...[2, 3, 4, 5, 6].flatMap((i) => [
        ['user', `turn ${i}`],
        ['assistant', `Answer to: turn ${i}`],
      ]),
      ['user', 'turn 7'],
    ]);
  });
});

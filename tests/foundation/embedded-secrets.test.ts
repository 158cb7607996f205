import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { signIn } from '../auth/sign-in';
import { startChildServer, type ChildServer } from '../support/app/child-server';
import { DEAD_RPC_URL } from '../support/app/start-test-server';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes';

jest.setTimeout(120_000);

const stop = async (server: ChildServer): Promise<number | null> => {
  server.child.kill('SIGTERM');
  return server.exited;
};

describe('development on the embedded default, without JWT_SECRET or ENCRYPTION_KEY', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seipm-secrets-'));
  // No chain is reachable here: the model (a local fake of OpenAI) answers the chat without portfolio data.
  let openai: FakeOpenAI;
  const env = () => ({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEI_RPC_URL: DEAD_RPC_URL,
    RPC_RETRY_COUNT: '0',
    RUN_JOBS: 'false',
    OPENAI_API_KEY: 'sk-test-key',
    OPENAI_BASE_URL: openai.url,
  });
  beforeAll(async () => {
    openai = await startFakeOpenAI();
  });
  afterAll(async () => {
    await openai.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the generated secrets in DATA_DIR (0600), so chat history and tokens survive a restart', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const secretsFile = path.join(dataDir, 'secrets.json');

    const first = await startChildServer(env());
    let token: string;
    try {
      token = await signIn(first.url, account);
      const said = await request(first.url).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'remember this: rebalance on Friday' });
      expect(said.status).toBe(200);
    } finally {
      expect(await stop(first)).toBe(0);
    }
    const second = await startChildServer(env());
    try {
      const me = await request(second.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect([me.status, me.body.data?.address]).toEqual([200, account.address]);
      const history = await request(second.url).get('/api/chat/history').set('Authorization', `Bearer ${token}`);
      expect(history.status).toBe(200);
      expect(history.body.data.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
        ['user', 'remember this: rebalance on Friday'],
        ['assistant', 'Fake reply to: remember this: rebalance on Friday'],
      ]);
    } finally {
      expect(await stop(second)).toBe(0);
    }
    expect(second.output()).toContain(`JWT_SECRET is not set: using the one kept in ${secretsFile}`);
    expect(first.output()).toContain(`JWT_SECRET is not set: using the one kept in ${secretsFile}`);
    expect(first.output()).toContain(`ENCRYPTION_KEY is not set: using the one kept in ${secretsFile}`);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual(['ENCRYPTION_KEY', 'JWT_SECRET']);
    for (const value of Object.values(secrets)) {
      expect(value).toMatch(/^[0-9a-f]{64}$/);
      expect(first.output()).not.toContain(value);
    }
  });
});

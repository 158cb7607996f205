import { Agent, request as httpRequest } from 'node:http';
import type { RunningServer } from '../../src/main';
import { startTestServer } from '../support/app/start-test-server';
import { waitUntil } from '../support/wait-until';

const MAX_REQUESTS_PER_CLIENT = 20_000;

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
}

const get = (agent: Agent, port: number, path: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });

describe('shutting down under keep-alive load', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ SHUTDOWN_READINESS_DELAY_MS: '0' });
  });
  afterAll(() => server.shutdown('test done'));

  it('answers every request of every busy keep-alive client, the last one with Connection: close, and resets none', async () => {
    const clients = 6;
    let answered = 0;
    const failures: string[] = [];
    /** One client on one keep-alive connection, requesting back to back until told to close (or the bound). */
    const hammer = async (): Promise<string> => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < MAX_REQUESTS_PER_CLIENT; i++) {
          const answer = await get(agent, server.port, '/health/live');
          if (answer.status !== 200) return `HTTP ${answer.status}`;
          answered += 1;
          if (answer.connection === 'close') return 'told to close';
        }
        return 'never told to close';
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        return 'failed';
      } finally {
        agent.destroy();
      }
    };
    const running = Array.from({ length: clients }, hammer);
    await waitUntil(() => (answered >= clients * 20 ? true : undefined), 30_000, () => `only ${answered} answers before shutdown`);
    await server.shutdown('test: drain under load');
    const outcomes = await Promise.all(running);
    expect(failures).toEqual([]);
    expect(outcomes).toEqual(Array(clients).fill('told to close'));
    expect(server.server.listening).toBe(false);
  });
});

import { makeCaptureLogger } from '../../../tests/support/app/capture-logger';
import { accessLineWriterOf, registerFastAccessLine } from './access-line';

const entry = { requestId: 'req-1', method: 'GET', route: '/api/portfolio/:address', path: '/api/portfolio/0xAbC', status: 200, durationMs: 1.234, ip: '203.0.113.5' };
const production = { level: 'info', env: 'production', dir: undefined, service: 'svc' };

/** Runs `body` and resolves with what the fast path wrote once the event loop turned. */
const written = (options: typeof production, body: (write: ReturnType<typeof accessLineWriterOf>) => void): Promise<string[]> => {
  const { logger } = makeCaptureLogger();
  const chunks: string[] = [];
  registerFastAccessLine(logger, options, (text) => chunks.push(text));
  body(accessLineWriterOf(logger));
  return new Promise((resolve) => setImmediate(() => resolve(chunks)));
};

describe('the access log fast path', () => {
  it('writes the structured line winston would, all lines of one event-loop turn in one write', async () => {
    const chunks = await written(production, (write) => {
      write(entry);
      write({ ...entry, requestId: 'req-2', ip: undefined });
    });
    expect(chunks).toHaveLength(1);
    const lines = (chunks[0] ?? '').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ level: 'info', message: 'request', service: 'svc', environment: 'production', '@timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), ...entry });
    const { ip: _ip, ...withoutIp } = entry;
    expect(lines[1]).toEqual({ level: 'info', message: 'request', service: 'svc', environment: 'production', '@timestamp': expect.any(String), ...withoutIp, requestId: 'req-2' });
  });

  it('escapes a hostile path into valid JSON and redacts secrets in it', async () => {
    const path = '/api/x"\n{"level":"error"}/Bearer abc.def';
    const chunks = await written(production, (write) => write({ ...entry, path }));
    const lines = (chunks[0] ?? '').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0] ?? '') as { path: string }).path).toBe('/api/x"\n{"level":"error"}/Bearer [REDACTED]');
  });

  it.each([
    ['a development logger', { ...production, env: 'development' }],
    ['a logger writing files', { ...production, dir: '/tmp/logs' }],
    ['a logger above info', { ...production, level: 'warn' }],
  ])('leaves %s on its own pipeline', async (_name, options) => {
    const { logger, lines } = makeCaptureLogger();
    const chunks: string[] = [];
    registerFastAccessLine(logger, options, (text) => chunks.push(text));
    accessLineWriterOf(logger)(entry);
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'request', ...entry })]);
  });
});

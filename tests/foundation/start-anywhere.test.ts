import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startChildServer } from '../support/app/child-server';

describe('starting on a fresh machine with no environment', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seipm-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers /health 200 on embedded storage and cache, and keeps its data across a restart', async () => {
    const first = await startChildServer({ PORT: '0', DATA_DIR: dataDir });
    try {
      expect(first.output()).toContain('storage: embedded Postgres (PGlite)');
      expect(first.output()).toContain('cache: in-process LRU');
      const res = await fetch(`${first.url}/health`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { status: string; checks: Record<string, string> } };
      // No chain is reachable from a sandbox: the public Sei RPC check is down, so the service is degraded but up.
      expect(body.data.checks['database']).toBe('up');
      expect(body.data.checks['cache']).toBe('up');
      expect(['healthy', 'degraded']).toContain(body.data.status);
      // npm run build (pretest) made the template: the fresh DATA_DIR is copied from it (initdb and every migration
      // already done), not made by initdb at start.
      expect(first.output()).toContain('embedded Postgres: new data directory copied from the build template');
      expect(first.output()).not.toContain('migration applied');
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }

    const second = await startChildServer({ PORT: '0', DATA_DIR: dataDir });
    try {
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
      expect(second.output()).not.toContain('migration applied');
      expect(second.output()).not.toContain('embedded Postgres: new data directory');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });

  it('refuses to start in production without secrets, naming each missing variable', async () => {
    await expect(startChildServer({ PORT: '0', NODE_ENV: 'production', DATA_DIR: dataDir }, 20_000)).rejects.toThrow(
      /exited with 1[\s\S]*JWT_SECRET[\s\S]*ENCRYPTION_KEY/,
    );
  });
});

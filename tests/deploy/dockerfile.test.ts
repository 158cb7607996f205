/**
 * The Dockerfile, read as text (Docker is not available to tests): the two stages, what reaches the
 * runtime image, the non-root user, and a HEALTHCHECK whose command is actually run against a stub.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startHealthStub } from './support/health-stub';
import { findFreePort } from './support/free-port';
import { runNodeHealthcheck } from './support/run-node-healthcheck';

const repoRoot = resolve(__dirname, '..', '..');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Instructions with continuation lines joined and comments dropped, grouped by FROM. */
const parseDockerfile = (text: string): { args: Instruction[]; stages: Stage[] } => {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  logical.forEach((line) => {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0) {
      globalArgs.push(instruction);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  });
  return { args: globalArgs, stages };
};

const dockerfile = parseDockerfile(readFileSync(resolve(repoRoot, 'Dockerfile'), 'utf8'));
const [buildStage, runtimeStage] = dockerfile.stages;
const argsOf = (stage: Stage | undefined, keyword: string): string[] =>
  (stage?.instructions ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  test('has two stages, build and runtime, both on node:24-alpine (the production runtime, Node 24 LTS)', () => {
    expect(dockerfile.args).toEqual([{ keyword: 'ARG', args: 'NODE_IMAGE=node:24-alpine' }]);
    expect(dockerfile.stages.map((s) => [s.from, s.name])).toEqual([
      ['${NODE_IMAGE}', 'build'],
      ['${NODE_IMAGE}', 'runtime'],
    ]);
  });

  test('the build stage installs from the lockfile, compiles, then prunes devDependencies', () => {
    const run = argsOf(buildStage, 'RUN').join(' && ');
    expect(run).toMatch(/npm ci\b/);
    const order = ['npm ci', 'npm run build', 'npm prune --omit=dev'].map((step) => run.indexOf(step));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(argsOf(buildStage, 'COPY')).toEqual([
      'package.json package-lock.json ./',
      'tsconfig.json tsconfig.build.json ./',
      'scripts/build.js ./scripts/build.js',
      'src ./src',
    ]);
  });

  test('the runtime stage receives only package.json, production node_modules and dist from the build', () => {
    expect(argsOf(runtimeStage, 'COPY')).toEqual([
      '--from=build /app/package.json ./package.json',
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
    ]);
  });

  test('runs as the unprivileged node user, set before CMD', () => {
    const keywords = (runtimeStage?.instructions ?? []).map((i) => i.keyword);
    expect(argsOf(runtimeStage, 'USER')).toEqual(['node']);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
  });

  test('sets production defaults, exposes 8000 and starts node dist/main.js under tini', () => {
    expect(argsOf(runtimeStage, 'ENV')).toEqual([
      'NODE_ENV=production PORT=8000 HOST=0.0.0.0 DATA_DIR=/app/data LOG_DIR=/app/logs',
    ]);
    expect(argsOf(runtimeStage, 'EXPOSE')).toEqual(['8000']);
    expect(argsOf(runtimeStage, 'ENTRYPOINT').map((a) => JSON.parse(a) as unknown)).toEqual([['/sbin/tini', '--']]);
    expect(argsOf(runtimeStage, 'CMD').map((a) => JSON.parse(a) as unknown)).toEqual([['node', 'dist/main.js']]);
  });

  describe('HEALTHCHECK', () => {
    const healthcheck = argsOf(runtimeStage, 'HEALTHCHECK')[0] ?? '';
    const argv = (): string[] => JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];

    test('probes /health/live with a timeout, interval and start period', () => {
      expect(healthcheck).toMatch(/^--interval=30s --timeout=5s --start-period=30s --retries=3 CMD \[/);
      expect(argv().join(' ')).toContain('/health/live');
    });

    test('its command exits 0 when /health/live answers 200', async () => {
      const stub = await startHealthStub(200);
      const code = await runNodeHealthcheck(argv(), stub.port);
      await stub.close();
      expect(code).toBe(0);
      expect(stub.paths).toEqual(['/health/live']);
    });

    test('its command exits 1 when /health/live answers 503 or nothing listens', async () => {
      const stub = await startHealthStub(503);
      const unhealthy = await runNodeHealthcheck(argv(), stub.port);
      await stub.close();
      const down = await runNodeHealthcheck(argv(), await findFreePort());
      expect([unhealthy, down]).toEqual([1, 1]);
    });
  });

  test('.dockerignore keeps secrets, dependencies, build output and git history out of the context', () => {
    const ignored = readFileSync(resolve(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.env', '.env.*', 'data', 'logs', 'tests']));
    expect(ignored).not.toContain('src');
  });
});

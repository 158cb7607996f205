/**
 * docker-compose.prod.yml, read with the `yaml` package (Docker is not available to tests): the four
 * services, their healthchecks, start order, resource limits, network exposure, and that no secret is
 * written in the file itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { startHealthStub } from './support/health-stub';
import { findFreePort } from './support/free-port';
import { runNodeHealthcheck } from './support/run-node-healthcheck';

const repoRoot = resolve(__dirname, '..', '..');
const composeText = readFileSync(resolve(repoRoot, 'docker-compose.prod.yml'), 'utf8');

interface Healthcheck {
  readonly test: ReadonlyArray<string>;
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly start_period: string;
}
interface Service {
  readonly image?: string;
  readonly env_file?: ReadonlyArray<string>;
  readonly environment?: Readonly<Record<string, string>>;
  readonly command?: ReadonlyArray<string>;
  readonly ports?: ReadonlyArray<string>;
  readonly volumes?: ReadonlyArray<string>;
  readonly networks?: ReadonlyArray<string>;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly healthcheck?: Healthcheck;
  readonly deploy?: { readonly resources?: { readonly limits?: { readonly cpus?: string; readonly memory?: string } } };
}
interface ComposeFile {
  readonly services: Readonly<Record<string, Service>>;
  readonly networks: Readonly<Record<string, { readonly internal?: boolean } | null>>;
  readonly volumes: Readonly<Record<string, unknown>>;
}

const compose = parse(composeText) as ComposeFile;
const service = (name: string): Service => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`service ${name} is missing`);
  return found;
};

/** Every string scalar in the document with the key (or list position) it sits under. */
const scalarsOf = (node: unknown, key: string, path: string): Array<{ key: string; path: string; value: string }> => {
  if (typeof node === 'string') return [{ key, path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item, i) => scalarsOf(item, key, `${path}[${i}]`));
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => scalarsOf(v, k, `${path}.${k}`));
  }
  return [];
};

// A reference the operator must provide: ${NAME} or ${NAME:?message}, never a default value.
const requiredReference = /^\$\{[A-Z][A-Z0-9_]*(:?\?[^}]*)?\}$/;
const secretName = /(PASSWORD|SECRET|KEY|TOKEN)/i;

describe('docker-compose.prod.yml', () => {
  test('defines exactly backend, redis, postgres and nginx', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['backend', 'nginx', 'postgres', 'redis']);
    expect(service('postgres').image).toBe('postgres:15-alpine');
  });

  test.each(['backend', 'redis', 'postgres', 'nginx'])('%s has a healthcheck with interval, timeout and retries', (name) => {
    const check = service(name).healthcheck;
    expect(check).toEqual({
      test: expect.any(Array),
      interval: expect.stringMatching(/^\d+s$/),
      timeout: expect.stringMatching(/^\d+s$/),
      retries: expect.any(Number),
      start_period: expect.stringMatching(/^\d+s$/),
    });
    expect(['CMD', 'CMD-SHELL']).toContain(check?.test[0]);
  });

  test('starts in order: data stores healthy, then the backend healthy, then nginx', () => {
    expect(service('backend').depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(service('nginx').depends_on).toEqual({ backend: { condition: 'service_healthy' } });
  });

  test.each(['backend', 'redis', 'postgres', 'nginx'])('%s has CPU and memory limits', (name) => {
    expect(service(name).deploy?.resources?.limits).toEqual({
      cpus: expect.stringMatching(/^\d+(\.\d+)?$/),
      memory: expect.stringMatching(/^\d+[mg]$/),
    });
  });

  test('only nginx publishes ports; Postgres and Redis sit on an internal network only', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports !== undefined)
      .map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([['nginx', ['80:80', '443:443']]]);
    expect(compose.networks.data).toEqual({ internal: true });
    expect(service('postgres').networks).toEqual(['data']);
    expect(service('redis').networks).toEqual(['data']);
    expect(service('backend').networks).toEqual(['edge', 'data']);
    expect(service('nginx').networks).toEqual(['edge']);
  });

  test('no secret is written in the file: every secret-named value is a required ${VAR} reference', () => {
    const secrets = scalarsOf(compose, '', '').filter((s) => secretName.test(s.key));
    expect(secrets.map((s) => s.path).sort()).toEqual([
      '.services.backend.environment.REDIS_PASSWORD',
      '.services.postgres.environment.POSTGRES_PASSWORD',
      '.services.redis.environment.REDIS_PASSWORD',
    ]);
    secrets.forEach((s) => expect(s.value).toMatch(requiredReference));
  });

  test('credentials inside URLs and command lines are references too', () => {
    const scalars = scalarsOf(compose, '', '');
    // scheme://user:password@host, where user and password are each a ${...} reference or plain text.
    const credentials = /:\/\/(\$\{[^}]*\}|[^:@/]*):(\$\{[^}]*\}|[^@]*)@/g;
    const urlPasswords = scalars.flatMap((s) => [...s.value.matchAll(credentials)].map((m) => m[2]));
    expect(urlPasswords).toEqual([
      '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env.production}',
      '${REDIS_PASSWORD:?set REDIS_PASSWORD in .env.production}',
    ]);
    urlPasswords.forEach((p) => expect(p).toMatch(requiredReference));
    const redisCommand = service('redis').command ?? [];
    expect(redisCommand[redisCommand.indexOf('--requirepass') + 1]).toMatch(requiredReference);
    // Nothing else that looks like a credential assignment (KEY=value) anywhere in the text.
    expect(composeText).not.toMatch(/(PASSWORD|SECRET|_KEY|TOKEN)\s*[=:]\s*(?!\$\{)[^\s$]+\s*$/m);
  });

  test('the backend gets its secrets from .env.production and builds its store URLs from variables', () => {
    const backend = service('backend');
    expect(backend.env_file).toEqual(['.env.production']);
    expect(backend.environment?.DATABASE_URL).toBe(
      'postgres://${POSTGRES_USER:-sei}:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env.production}@postgres:5432/${POSTGRES_DB:-sei_portfolio}',
    );
    expect(backend.environment?.REDIS_URL).toBe(
      'redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD in .env.production}@redis:6379/0',
    );
    expect(backend.environment).toMatchObject({ NODE_ENV: 'production', PORT: '8000', TRUST_PROXY_HOPS: '1' });
  });

  test('every variable the file references is listed in docker/env.production.example', () => {
    const referenced = new Set(
      scalarsOf(compose, '', '').flatMap((s) => [...s.value.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1])),
    );
    const example = readFileSync(resolve(repoRoot, 'docker', 'env.production.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect([...referenced].filter((name) => !listed.has(name))).toEqual([]);
    // The example carries no real secret: every secret-named entry is empty.
    const filledSecrets = [...example.matchAll(/^([A-Z0-9_]*(PASSWORD|SECRET|KEY|TOKEN)[A-Z0-9_]*)=(.+)$/gm)].map((m) => m[1]);
    expect(filledSecrets).toEqual([]);
  });

  test('.env.production is not committed', () => {
    const tracked = execFileSync('git', ['ls-files', '--', '.env.production', '.env.production.*'], { cwd: repoRoot, encoding: 'utf8' });
    expect(tracked).toBe('');
  });

  test('Redis is password-protected, persisted (RDB + AOF) and capped with volatile-lru (only keys with a TTL are evicted)', () => {
    const redis = service('redis');
    expect(redis.command).toEqual([
      'redis-server', '/usr/local/etc/redis/redis.conf',
      '--dir', '/data',
      '--requirepass', '${REDIS_PASSWORD:?set REDIS_PASSWORD in .env.production}',
      '--maxmemory', '${REDIS_MAXMEMORY:-256mb}',
      '--maxmemory-policy', 'volatile-lru',
    ]);
    expect(redis.volumes).toEqual(['./docker/redis/redis.conf:/usr/local/etc/redis/redis.conf:ro', 'redis_data:/data']);
    const conf = readFileSync(resolve(repoRoot, 'docker', 'redis', 'redis.conf'), 'utf8');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendfsync everysec$/m);
    expect(conf).toMatch(/^save 900 1$/m);
    expect(conf).toMatch(/^maxmemory-policy volatile-lru$/m);
  });

  test('Postgres keeps its data in a named volume and runs the init scripts', () => {
    expect(service('postgres').volumes).toEqual([
      'postgres_data:/var/lib/postgresql/data',
      './docker/postgres/init:/docker-entrypoint-initdb.d:ro',
    ]);
    expect(Object.keys(compose.volumes)).toContain('postgres_data');
    expect(existsSync(resolve(repoRoot, 'docker', 'postgres', 'init', '01-defaults.sql'))).toBe(true);
  });

  test('nginx mounts nginx.conf and the certificate directory read-only', () => {
    expect(service('nginx').volumes).toEqual([
      './nginx.conf:/etc/nginx/nginx.conf:ro',
      '${TLS_CERTS_DIR:-./docker/nginx/certs}:/etc/nginx/certs:ro',
      'certbot_webroot:/var/www/certbot:ro',
    ]);
  });

  test('every bind-mounted repository path exists', () => {
    const hostPaths = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0] ?? '')
      .map((p) => p.replace(/^\$\{[A-Z_]+:-([^}]+)\}$/, '$1'))
      .filter((p) => p.startsWith('./'));
    expect(hostPaths.filter((p) => !existsSync(resolve(repoRoot, p)))).toEqual([]);
  });

  describe('the backend healthcheck command', () => {
    const argv = (): string[] => {
      const test = service('backend').healthcheck?.test ?? [];
      expect(test[0]).toBe('CMD');
      return test.slice(1);
    };

    test('exits 0 when /health/live answers 200', async () => {
      const stub = await startHealthStub(200);
      const code = await runNodeHealthcheck(argv(), stub.port);
      await stub.close();
      expect(code).toBe(0);
      expect(stub.paths).toEqual(['/health/live']);
    });

    test('exits 1 when /health/live answers 503', async () => {
      const stub = await startHealthStub(503);
      const code = await runNodeHealthcheck(argv(), stub.port);
      await stub.close();
      expect(code).toBe(1);
    });

    test('exits 1 when nothing listens', async () => {
      expect(await runNodeHealthcheck(argv(), await findFreePort())).toBe(1);
    });
  });
});

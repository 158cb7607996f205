/**
 * docker-compose.prod.yml, read with the `yaml` package (Docker is not available to tests): the four
 * services and the two of the opt-in monitoring profile, their healthchecks, start order, resource limits,
 * network exposure, and that no secret is written in the file itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
  readonly profiles?: ReadonlyArray<string>;
  readonly entrypoint?: ReadonlyArray<string>;
  readonly secrets?: ReadonlyArray<string>;
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
  readonly secrets: Readonly<Record<string, { readonly environment?: string; readonly file?: string }>>;
}

interface PrometheusConfig {
  readonly rule_files: ReadonlyArray<string>;
  readonly scrape_configs: ReadonlyArray<{
    readonly job_name: string;
    readonly authorization?: unknown;
    readonly dns_sd_configs?: ReadonlyArray<{ readonly names: ReadonlyArray<string>; readonly type: string; readonly port: number }>;
  }>;
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

const allServices = ['backend', 'redis', 'postgres', 'nginx', 'prometheus', 'grafana'];

describe('docker-compose.prod.yml', () => {
  test('defines backend, redis, postgres and nginx, and prometheus and grafana in the opt-in monitoring profile only', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['backend', 'grafana', 'nginx', 'postgres', 'prometheus', 'redis']);
    expect(service('postgres').image).toBe('postgres:15-alpine');
    const profiles = Object.fromEntries(Object.entries(compose.services).map(([name, s]) => [name, s.profiles]));
    expect(profiles).toEqual({
      backend: undefined,
      postgres: undefined,
      redis: undefined,
      nginx: undefined,
      prometheus: ['monitoring'],
      grafana: ['monitoring'],
    });
  });

  test.each(allServices)('%s has a healthcheck with interval, timeout and retries', (name) => {
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

  test('starts in order: data stores healthy, then the backend healthy, then nginx; Grafana after a healthy Prometheus', () => {
    expect(service('backend').depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(service('nginx').depends_on).toEqual({ backend: { condition: 'service_healthy' } });
    // Prometheus waits for nobody: it finds the backends by DNS and retries.
    expect(service('prometheus').depends_on).toBeUndefined();
    expect(service('grafana').depends_on).toEqual({ prometheus: { condition: 'service_healthy' } });
  });

  test.each(allServices)('%s has CPU and memory limits', (name) => {
    expect(service(name).deploy?.resources?.limits).toEqual({
      cpus: expect.stringMatching(/^\d+(\.\d+)?$/),
      memory: expect.stringMatching(/^\d+[mg]$/),
    });
  });

  test('only nginx publishes ports to the world, Prometheus and Grafana on loopback; Postgres and Redis sit on an internal network only', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports !== undefined)
      .map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([
      ['nginx', ['80:80', '443:443']],
      ['prometheus', ['127.0.0.1:9090:9090']],
      ['grafana', ['127.0.0.1:3000:3000']],
    ]);
    expect(compose.networks.data).toEqual({ internal: true });
    expect(compose.networks.metrics).toEqual({ internal: true });
    expect(service('postgres').networks).toEqual(['data']);
    expect(service('redis').networks).toEqual(['data']);
    expect(service('backend').networks).toEqual(['edge', 'data', 'metrics']);
    expect(service('nginx').networks).toEqual(['edge']);
    // Prometheus reaches the backends but not the data stores; Grafana reaches Prometheus only.
    expect(service('prometheus').networks).toEqual(['metrics', 'monitoring']);
    expect(service('grafana').networks).toEqual(['monitoring']);
  });

  test('no secret is written in the file: every secret-named value is a required ${VAR} reference', () => {
    // Names of compose secrets and *__FILE paths to them are not secrets themselves (see the next test).
    const secrets = scalarsOf(compose, '', '').filter((s) => secretName.test(s.key) && s.key !== 'secrets' && !s.key.endsWith('__FILE'));
    expect(secrets.map((s) => s.path).sort()).toEqual([
      '.services.backend.environment.REDIS_PASSWORD',
      '.services.postgres.environment.POSTGRES_PASSWORD',
      '.services.redis.environment.REDIS_PASSWORD',
    ]);
    secrets.forEach((s) => expect(s.value).toMatch(requiredReference));
  });

  test('the monitoring secrets come from .env.production variables, as files in the services that list them', () => {
    expect(compose.secrets).toEqual({
      metrics_token: { environment: 'METRICS_TOKEN' },
      grafana_admin_password: { environment: 'GRAFANA_ADMIN_PASSWORD' },
    });
    const listed = Object.fromEntries(Object.entries(compose.services).flatMap(([name, s]) => (s.secrets === undefined ? [] : [[name, s.secrets]])));
    expect(listed).toEqual({ prometheus: ['metrics_token'], grafana: ['grafana_admin_password'] });
    const fileReferences = scalarsOf(compose, '', '').filter((s) => s.key.endsWith('__FILE'));
    expect(fileReferences).toEqual([
      { key: 'GF_SECURITY_ADMIN_PASSWORD__FILE', path: '.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD__FILE', value: '/run/secrets/grafana_admin_password' },
    ]);
    const scrape = parse(readFileSync(resolve(repoRoot, 'docker', 'prometheus', 'prometheus.yml'), 'utf8')) as PrometheusConfig;
    expect(scrape.scrape_configs.find((c) => c.job_name === 'backend')?.authorization).toEqual({ type: 'Bearer', credentials_file: '/run/secrets/metrics_token' });
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
    const secretSources = Object.values(compose.secrets).map((s) => s.environment);
    expect(secretSources.filter((name) => name === undefined || !listed.has(name))).toEqual([]);
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

  describe('the monitoring profile', () => {
    const readRepoYaml = <A>(...path: string[]): A => parse(readFileSync(resolve(repoRoot, ...path), 'utf8')) as A;

    test('Prometheus reads docker/prometheus and scrapes every backend container on the port the backend listens on', () => {
      const prometheus = service('prometheus');
      expect(prometheus.volumes).toEqual(['./docker/prometheus:/etc/prometheus:ro', 'prometheus_data:/prometheus']);
      expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
      const config = readRepoYaml<PrometheusConfig>('docker', 'prometheus', 'prometheus.yml');
      expect(config.rule_files).toEqual(['alerts.yml']);
      expect(existsSync(resolve(repoRoot, 'docker', 'prometheus', 'alerts.yml'))).toBe(true);
      const backendJob = config.scrape_configs.find((c) => c.job_name === 'backend');
      expect(backendJob?.dns_sd_configs).toEqual([{ names: ['backend'], type: 'A', port: Number(service('backend').environment?.PORT), refresh_interval: '30s' }]);
    });

    test('Grafana gets the Prometheus of the profile as its datasource and the backend dashboard as its home', () => {
      const grafana = service('grafana');
      expect(grafana.volumes).toEqual([
        './docker/grafana/provisioning:/etc/grafana/provisioning:ro',
        './docker/grafana/dashboards:/etc/grafana/dashboards:ro',
        'grafana_data:/var/lib/grafana',
      ]);
      const datasources = readRepoYaml<{ datasources: ReadonlyArray<{ uid: string; type: string; url: string }> }>('docker', 'grafana', 'provisioning', 'datasources', 'prometheus.yml');
      expect(datasources.datasources.map((d) => [d.uid, d.type, d.url])).toEqual([['prometheus', 'prometheus', 'http://prometheus:9090']]);
      const providers = readRepoYaml<{ providers: ReadonlyArray<{ options: { path: string } }> }>('docker', 'grafana', 'provisioning', 'dashboards', 'backend.yml');
      expect(providers.providers.map((p) => p.options.path)).toEqual(['/etc/grafana/dashboards']);
      expect(grafana.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe('/etc/grafana/dashboards/backend.json');
      expect(existsSync(resolve(repoRoot, 'docker', 'grafana', 'dashboards', 'backend.json'))).toBe(true);
      expect(grafana.environment).toMatchObject({ GF_USERS_ALLOW_SIGN_UP: 'false', GF_AUTH_ANONYMOUS_ENABLED: 'false' });
    });

    describe('each entrypoint refuses to start while its secret is empty', () => {
      const cases = [
        {
          name: 'prometheus',
          secret: '/run/secrets/metrics_token',
          exec: 'exec /bin/prometheus',
          message: 'METRICS_TOKEN is empty: set it in .env.production\n',
          started: 'started --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus --storage.tsdb.retention.time=${PROMETHEUS_RETENTION:-15d}\n',
        },
        {
          name: 'grafana',
          secret: '/run/secrets/grafana_admin_password',
          exec: 'exec /run.sh',
          message: 'GRAFANA_ADMIN_PASSWORD is empty: set it in .env.production\n',
          started: 'started\n',
        },
      ];
      let secretsDir = '';
      beforeAll(() => {
        secretsDir = mkdtempSync(join(tmpdir(), 'compose-secret-'));
      });
      afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));
      /** Runs the entrypoint as Docker would (after compose turns $$ into $), with the secret at a temporary path and `echo started` instead of the server. */
      const runEntrypoint = (name: string, secretPath: string, exec: string, secretContent: string) => {
        const [shell, flag, script, ...args] = service(name).entrypoint ?? [];
        expect([shell, flag]).toEqual(['/bin/sh', '-c']);
        const secretFile = join(secretsDir, name);
        writeFileSync(secretFile, secretContent);
        const runnable = (script ?? '').replaceAll('$$', '$').replace(secretPath, secretFile).replace(exec, 'exec echo started');
        expect(runnable).not.toContain(secretPath);
        return spawnSync('sh', ['-c', runnable, ...args, ...(service(name).command ?? [])], { encoding: 'utf8' });
      };

      test.each(cases)('$name: an empty secret stops it with a message naming the variable', ({ name, secret, exec, message }) => {
        const result = runEntrypoint(name, secret, exec, '');
        expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 1, stdout: '', stderr: message });
      });

      test.each(cases)('$name: with the secret it starts the server with its arguments', ({ name, secret, exec, started }) => {
        const result = runEntrypoint(name, secret, exec, 'a-token');
        expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: started, stderr: '' });
      });
    });
  });
});

/**
 * docker/backup.sh and docker/restore.sh run unchanged, end to end, with a fake `docker compose` first on
 * PATH (tests/deploy/support/fake-docker/docker) that maps the compose services onto local servers: the
 * real Postgres (a throwaway database), a throwaway redis-server started with the production
 * redis.conf, and a directory of backend logs. Docker itself is not available to tests; what this proves
 * is the scripts' own logic: pg_dump/pg_restore, BGSAVE and the RDB copy, checksums, retention, the
 * database swap and the Redis reload.
 * Needs pg_dump, pg_restore, psql (postgresql-client-15), redis-server, redis-cli, flock, sha256sum.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { requireBinary } from './support/find-binary';
import { findFreePort } from './support/free-port';

const repoRoot = resolve(__dirname, '..', '..');
const backupScript = join(repoRoot, 'docker', 'backup.sh');
const restoreScript = join(repoRoot, 'docker', 'restore.sh');
const fakeDocker = join(__dirname, 'support', 'fake-docker', 'docker');
const redisPassword = 'test-redis-password';
const daysAgo = (days: number): Date => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

describe('docker/backup.sh then docker/restore.sh, through a fake docker compose', () => {
  const database = `deploy_bk_${process.pid}`;
  let workDir: string;
  let backupDir: string;
  let redisDir: string;
  let dockerLog: string;
  let envFile: string;
  let env: NodeJS.ProcessEnv;
  let backupFolder: string;

  const run = (script: string, args: ReadonlyArray<string>) =>
    spawnSync('bash', [script, ...args], { env, encoding: 'utf8', input: '', timeout: 120_000 });
  const composeArgs = (): string[] => ['-f', join(repoRoot, 'docker-compose.prod.yml'), '-e', envFile];
  const redisCli = (...args: string[]): string =>
    execFileSync('redis-cli', ['--no-auth-warning', '-p', String(env.FAKE_REDIS_PORT), '-a', redisPassword, ...args], {
      encoding: 'utf8',
    }).trim();
  const query = async <T>(sql: string, params: unknown[] = [], db = database): Promise<T[]> => {
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const dockerCalls = (): string[] => readFileSync(dockerLog, 'utf8').trim().split('\n');

  beforeAll(async () => {
    ['pg_dump', 'pg_restore', 'psql'].forEach((name) => requireBinary(name, 'apt-get install -y postgresql-client-15'));
    ['redis-server', 'redis-cli'].forEach((name) => requireBinary(name, 'apt-get install -y redis-server'));
    requireBinary('flock', 'apt-get install -y util-linux');
    requireBinary('sha256sum', 'apt-get install -y coreutils');

    workDir = mkdtempSync(join(tmpdir(), 'sei-backup-test-'));
    backupDir = join(workDir, 'backups');
    redisDir = join(workDir, 'redis-data');
    dockerLog = join(workDir, 'docker-calls.log');
    envFile = join(workDir, '.env.production');
    const backendLogs = join(workDir, 'backend-logs');
    [backupDir, redisDir, backendLogs].forEach((dir) => mkdirSync(dir));
    writeFileSync(envFile, '');
    writeFileSync(dockerLog, '');
    writeFileSync(join(backendLogs, 'app-2026-01-01.log'), '{"level":"info","msg":"started"}\n');
    env = {
      ...process.env,
      PATH: `${join(__dirname, 'support', 'fake-docker')}:${process.env.PATH ?? ''}`,
      FAKE_DOCKER_LOG: dockerLog,
      FAKE_PG_DB: database,
      FAKE_REDIS_PORT: String(await findFreePort()),
      FAKE_REDIS_DIR: redisDir,
      FAKE_REDIS_PASSWORD: redisPassword,
      FAKE_REDIS_CONF: join(repoRoot, 'docker', 'redis', 'redis.conf'),
      FAKE_BACKEND_LOG_DIR: backendLogs,
      BGSAVE_TIMEOUT: '30',
    };

    // The database as the postgres container would have it: init scripts, then the app's tables.
    await query(`CREATE DATABASE "${database}"`, [], 'postgres');
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'postgres', '-d', database,
      '-f', join(repoRoot, 'docker', 'postgres', 'init', '01-defaults.sql')]);
    await query('CREATE TABLE holdings (id int PRIMARY KEY, symbol text NOT NULL, amount numeric NOT NULL)');
    await query("INSERT INTO holdings VALUES (1, 'SEI', 1500), (2, 'USDC', 250.5), (3, 'WETH', 0.75)");

    execFileSync(fakeDocker, ['compose', 'up', '-d', 'redis'], { env });
    redisCli('SET', 'price:sei', '0.42');
    redisCli('HSET', 'nonce:n1', 'address', '0xabc');
    redisCli('SET', 'revoked:jti-1', '1');

    // Earlier backups: one past retention, one within it, a dead partial run, and a folder not ours.
    const seed = (name: string, ageDays: number): void => {
      const dir = join(backupDir, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'postgres.dump'), 'old');
      utimesSync(dir, daysAgo(ageDays), daysAgo(ageDays));
    };
    seed('sei-backup-20200101T000000Z', 20);
    seed('sei-backup-20200108T000000Z', 13);
    seed('sei-backup-20200109T000000Z.partial', 2);
    seed('keep-me', 30);
  }, 60_000);

  afterAll(async () => {
    if (env !== undefined) spawnSync(fakeDocker, ['compose', 'stop', 'redis'], { env });
    const leftovers = await query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1", [`${database}%`], 'postgres',
    ).catch(() => []);
    for (const { datname } of leftovers) {
      await query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`, [], 'postgres');
    }
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  test('backup.sh writes a complete, checksummed folder and prints its path last', () => {
    const result = run(backupScript, [...composeArgs(), '-o', backupDir, '-r', '14']);
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
    backupFolder = result.stdout.trim();
    expect(basename(backupFolder)).toMatch(/^sei-backup-\d{8}T\d{6}Z$/);
    expect(readdirSync(backupFolder).sort()).toEqual(['SHA256SUMS', 'logs.tar.gz', 'manifest.txt', 'postgres.dump', 'redis-dump.rdb']);
    expect(spawnSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: backupFolder }).status).toBe(0);
    expect(readFileSync(join(backupFolder, 'redis-dump.rdb')).subarray(0, 5).toString()).toBe('REDIS');
    expect(readFileSync(join(backupFolder, 'manifest.txt'), 'utf8')).toMatch(/^created_utc=\d{8}T\d{6}Z$/m);
  });

  test('the Postgres dump is a custom-format archive holding the table and its rows', () => {
    const listing = execFileSync('pg_restore', ['--list', join(backupFolder, 'postgres.dump')], { encoding: 'utf8' });
    expect(listing).toMatch(/TABLE public holdings/);
    expect(listing).toMatch(/TABLE DATA public holdings/);
    expect(listing).toMatch(/EXTENSION - pg_stat_statements/);
  });

  test('the snapshot was taken with BGSAVE through the redis service and copied out with compose cp', () => {
    const calls = dockerCalls();
    expect(calls.some((c) => /exec -T redis sh -c .* redis-cli BGSAVE SCHEDULE$/.test(c))).toBe(true);
    expect(calls.some((c) => c.endsWith(`cp redis:/data/dump.rdb ${backupFolder}.partial/redis-dump.rdb`))).toBe(true);
  });

  test('logs.tar.gz holds the backend log files and the container logs', () => {
    const entries = execFileSync('tar', ['-tzf', join(backupFolder, 'logs.tar.gz')], { encoding: 'utf8' }).split('\n');
    expect(entries).toEqual(expect.arrayContaining(['logs/backend/app-2026-01-01.log', 'logs/containers.log']));
  });

  test('retention deletes backups older than RETENTION_DAYS and dead partial runs, nothing else', () => {
    expect(readdirSync(backupDir).filter((name) => !name.startsWith('.')).sort()).toEqual(
      [basename(backupFolder), 'keep-me', 'sei-backup-20200108T000000Z'].sort(),
    );
  });

  test('restore.sh refuses a damaged backup before stopping anything', () => {
    const damaged = join(workDir, 'damaged');
    cpSync(backupFolder, damaged, { recursive: true });
    appendFileSync(join(damaged, 'postgres.dump'), 'x');
    const callsBefore = dockerCalls().length;
    const result = run(restoreScript, [...composeArgs(), '-y', damaged]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('checksum mismatch');
    expect(dockerCalls().length).toBe(callsBefore);
  });

  test('restore.sh refuses to run unattended without -y', () => {
    const result = run(restoreScript, [...composeArgs(), backupFolder]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refusing to restore without confirmation');
  });

  test('restore.sh -y brings Postgres and Redis back to the backed-up state and keeps the old database', async () => {
    await query("UPDATE holdings SET amount = 0 WHERE symbol = 'SEI'");
    await query("INSERT INTO holdings VALUES (4, 'SCAM', 1)");
    redisCli('SET', 'price:sei', '999');
    redisCli('DEL', 'revoked:jti-1');
    redisCli('SET', 'junk', 'after-backup');
    const callsBefore = dockerCalls().length;

    const result = run(restoreScript, [...composeArgs(), '-y', backupFolder]);
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });

    expect(await query('SELECT id, symbol, amount::text FROM holdings ORDER BY id')).toEqual([
      { id: 1, symbol: 'SEI', amount: '1500' },
      { id: 2, symbol: 'USDC', amount: '250.5' },
      { id: 3, symbol: 'WETH', amount: '0.75' },
    ]);
    const settings = await query<{ setconfig: string[] }>(
      'SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = $1 AND s.setrole = 0',
      [database],
      'postgres',
    );
    expect(settings).toEqual([{ setconfig: ['TimeZone=UTC'] }]);
    const kept = await query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${database}_pre_restore_%`], 'postgres',
    );
    expect(kept).toHaveLength(1);
    expect(await query('SELECT count(*)::int AS n FROM holdings', [], kept[0]?.datname)).toEqual([{ n: 4 }]);

    expect({
      price: redisCli('GET', 'price:sei'),
      revoked: redisCli('GET', 'revoked:jti-1'),
      junk: redisCli('EXISTS', 'junk'),
      nonce: redisCli('HGET', 'nonce:n1', 'address'),
      appendonly: redisCli('CONFIG', 'GET', 'appendonly').split('\n')[1],
    }).toEqual({ price: '0.42', revoked: '1', junk: '0', nonce: '0xabc', appendonly: 'yes' });
    expect(existsSync(join(redisDir, 'appendonlydir', 'appendonly.aof.manifest'))).toBe(true);

    const calls = dockerCalls().slice(callsBefore).map((c) => c.replace(/^compose --env-file \S+ -f \S+ /, ''));
    expect(calls[0]).toBe('stop backend');
    expect(calls).toContain('stop redis');
    expect(calls.some((c) => c.startsWith('run --rm --no-deps -T ') && c.endsWith('--entrypoint sh redis /restore/load-rdb.sh /restore/dump.rdb'))).toBe(true);
    expect(calls[calls.length - 1]).toBe('up -d backend');
  }, 120_000);
});

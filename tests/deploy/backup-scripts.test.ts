/**
 * docker/backup.sh, docker/restore.sh and docker/redis/load-rdb.sh: syntax (bash -n / sh -n), shellcheck,
 * argument handling, and load-rdb.sh against a real redis-server with the production redis.conf.
 * Needs bash, shellcheck and redis-server/redis-cli (CI: apt-get install -y shellcheck redis-server).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireBinary } from './support/find-binary';
import { findFreePort } from './support/free-port';
import { startThrowawayRedis } from './support/throwaway-redis';

const repoRoot = resolve(__dirname, '..', '..');
const backupScript = join(repoRoot, 'docker', 'backup.sh');
const restoreScript = join(repoRoot, 'docker', 'restore.sh');
const loadRdbScript = join(repoRoot, 'docker', 'redis', 'load-rdb.sh');
const redisConf = join(repoRoot, 'docker', 'redis', 'redis.conf');

const bashScripts: ReadonlyArray<[string, string]> = [
  ['docker/backup.sh', backupScript],
  ['docker/restore.sh', restoreScript],
];

const runScript = (script: string, args: ReadonlyArray<string>) =>
  spawnSync('bash', [script, ...args], { encoding: 'utf8', input: '' });

describe('backup and restore scripts: syntax and lint', () => {
  test.each(bashScripts)('bash -n accepts %s', (_name, script) => {
    const result = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('sh -n accepts docker/redis/load-rdb.sh (it runs under busybox sh)', () => {
    const result = spawnSync('sh', ['-n', loadRdbScript], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('shellcheck finds nothing in the three scripts', () => {
    const shellcheck = requireBinary('shellcheck', 'apt-get install -y shellcheck');
    const bashResult = spawnSync(shellcheck, ['--shell=bash', backupScript, restoreScript], { encoding: 'utf8' });
    const shResult = spawnSync(shellcheck, ['--shell=sh', loadRdbScript], { encoding: 'utf8' });
    expect([bashResult.stdout, shResult.stdout]).toEqual(['', '']);
    expect([bashResult.status, shResult.status]).toEqual([0, 0]);
  });

  test.each(bashScripts)('%s is executable and starts with a bash shebang and strict mode', (_name, script) => {
    expect(spawnSync('test', ['-x', script]).status).toBe(0);
    const head = spawnSync('head', ['-n', '12', script], { encoding: 'utf8' }).stdout;
    expect(head.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(head).toContain('set -euo pipefail');
  });
});

describe('backup and restore scripts: arguments', () => {
  test('backup.sh -h prints the usage and exits 0', () => {
    const result = runScript(backupScript, ['-h']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: backup\.sh \[-f COMPOSE_FILE\] \[-e ENV_FILE\] \[-o BACKUP_DIR\] \[-r RETENTION_DAYS\]/);
  });

  test('backup.sh rejects a retention that is not a positive whole number', () => {
    const result = runScript(backupScript, ['-r', '0']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("RETENTION_DAYS must be a positive whole number, got '0'");
  });

  test('backup.sh rejects a missing env file before touching anything', () => {
    const result = runScript(backupScript, ['-e', '/nonexistent/.env.production']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('env file not found: /nonexistent/.env.production');
  });

  test('restore.sh without a folder prints the usage and exits 1', () => {
    const result = runScript(restoreScript, []);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Usage: restore.sh');
    expect(result.stderr).toContain('expected exactly one BACKUP_FOLDER');
  });

  test('restore.sh rejects an unknown component and a folder without SHA256SUMS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-restore-args-'));
    const compose = join(dir, 'compose.yml');
    const env = join(dir, '.env');
    writeFileSync(compose, 'services: {}\n');
    writeFileSync(env, '');
    const badComponent = runScript(restoreScript, ['-c', 'everything', dir]);
    const notABackup = runScript(restoreScript, ['-f', compose, '-e', env, '-y', dir]);
    rmSync(dir, { recursive: true, force: true });
    expect([badComponent.status, notABackup.status]).toEqual([1, 1]);
    expect(badComponent.stderr).toContain("-c must be all, postgres or redis, got 'everything'");
    expect(notABackup.stderr).toContain('has no SHA256SUMS: not a complete backup made by backup.sh');
  });
});

describe('docker/redis/load-rdb.sh with the production redis.conf', () => {
  let workDir: string;
  let snapshot: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'sei-load-rdb-'));
    const sourceDir = join(workDir, 'source');
    mkdirSync(sourceDir);
    const source = await startThrowawayRedis(await findFreePort(), ['--dir', sourceDir, '--appendonly', 'no']);
    Array.from({ length: 25 }, (_, i) => source.cli('SET', `portfolio:${i}`, `value-${i}`));
    source.cli('HSET', 'nonce:abc', 'address', '0x1234');
    expect(source.cli('SAVE')).toBe('OK');
    await source.stop();
    snapshot = join(workDir, 'snapshot.rdb');
    copyFileSync(join(sourceDir, 'dump.rdb'), snapshot);
  });

  afterAll(() => {
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  const startProduction = (dataDir: string) =>
    findFreePort().then((port) => startThrowawayRedis(port, [redisConf, '--dir', dataDir]));

  test('a plain dump.rdb copy is ignored by Redis with appendonly yes (why the script exists)', async () => {
    const dataDir = join(workDir, 'naive');
    mkdirSync(dataDir);
    copyFileSync(snapshot, join(dataDir, 'dump.rdb'));
    const redis = await startProduction(dataDir);
    const keys = redis.cli('DBSIZE');
    await redis.stop();
    expect(keys).toBe('0');
  });

  test('after load-rdb.sh, Redis with appendonly yes starts with every key of the snapshot', async () => {
    const dataDir = join(workDir, 'restored');
    mkdirSync(join(dataDir, 'appendonlydir'), { recursive: true });
    writeFileSync(join(dataDir, 'appendonlydir', 'stale.aof'), 'stale data that must go');
    const result = spawnSync('sh', [loadRdbScript, snapshot], {
      encoding: 'utf8',
      env: { ...process.env, REDIS_DATA_DIR: dataDir, REDIS_CONF: redisConf },
    });
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: 'keys=26\n' });
    expect(readdirSync(join(dataDir, 'appendonlydir')).sort()).toEqual([
      'appendonly.aof.1.base.rdb',
      'appendonly.aof.1.incr.aof',
      'appendonly.aof.manifest',
    ]);

    const redis = await startProduction(dataDir);
    const state = {
      keys: redis.cli('DBSIZE'),
      sample: redis.cli('GET', 'portfolio:7'),
      nonce: redis.cli('HGET', 'nonce:abc', 'address'),
      appendonly: redis.cli('CONFIG', 'GET', 'appendonly').split('\n')[1],
    };
    await redis.stop();
    expect(state).toEqual({ keys: '26', sample: 'value-7', nonce: '0x1234', appendonly: 'yes' });
  });

  test('refuses a file that is not an RDB snapshot, leaving the data directory alone', () => {
    const dataDir = join(workDir, 'untouched');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'dump.rdb'), 'REDIS0009 pretend');
    const bogus = join(workDir, 'bogus.rdb');
    writeFileSync(bogus, 'not a snapshot');
    const result = spawnSync('sh', [loadRdbScript, bogus], {
      encoding: 'utf8',
      env: { ...process.env, REDIS_DATA_DIR: dataDir, REDIS_CONF: redisConf },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not an RDB file');
    expect(existsSync(join(dataDir, 'dump.rdb'))).toBe(true);
  });
});

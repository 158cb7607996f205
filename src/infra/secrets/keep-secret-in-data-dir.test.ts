import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keepSecretInDataDir } from './keep-secret-in-data-dir';

describe('keepSecretInDataDir', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'seipm-kept-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const file = () => path.join(dataDir, 'secrets.json');

  it('generates each secret once, owner-only, and returns the same value on every later start', () => {
    const jwt = keepSecretInDataDir('JWT_SECRET', dataDir);
    const key = keepSecretInDataDir('ENCRYPTION_KEY', dataDir);
    expect(jwt.value).toMatch(/^[0-9a-f]{64}$/);
    expect(key.value).not.toBe(jwt.value);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ JWT_SECRET: jwt.value, ENCRYPTION_KEY: key.value });
    expect(keepSecretInDataDir('JWT_SECRET', dataDir)).toEqual(jwt);
    expect(jwt.warning).toBe(`JWT_SECRET is not set: using the one kept in ${file()} (generated on first start; set JWT_SECRET to use your own)`);
  });

  it('makes a file others can read owner-only again', () => {
    const first = keepSecretInDataDir('JWT_SECRET', dataDir);
    chmodSync(file(), 0o644);
    expect(keepSecretInDataDir('JWT_SECRET', dataDir).value).toBe(first.value);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('refuses a file it cannot read as secrets rather than replacing them', () => {
    writeFileSync(file(), '{"JWT_SECRET": 42}');
    expect(() => keepSecretInDataDir('JWT_SECRET', dataDir)).toThrow(/is not a JSON object of strings/);
    writeFileSync(file(), 'not json');
    expect(() => keepSecretInDataDir('JWT_SECRET', dataDir)).toThrow(/is not a JSON object of strings/);
    expect(readFileSync(file(), 'utf8')).toBe('not json');
  });
});

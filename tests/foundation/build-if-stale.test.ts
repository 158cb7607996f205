import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildIfStale, isBuildStale, STAMP } from '../../scripts/build';

const repoRoot = path.resolve(__dirname, '..', '..');

/** A checkout with a source file, the build's config files and, optionally, a completed build; every file dated `at`. */
const makeCheckout = (at: Date, isBuilt: boolean): string => {
  const root = mkdtempSync(path.join(tmpdir(), 'seipm-checkout-'));
  const files = ['src/main.ts', 'src/infra/db/migrations/001-x.sql', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
  if (isBuilt) files.push(STAMP, 'dist/main.js');
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    utimesSync(path.join(root, file), at, at);
  }
  return root;
};

const secondsAfter = (at: Date, seconds: number): Date => new Date(at.getTime() + seconds * 1000);

describe('npm start builds only when dist/ is stale', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const roots: string[] = [];
  const checkout = (isBuilt: boolean): string => {
    const root = makeCheckout(t0, isBuilt);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('start and the tests run the build only through the staleness check', () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toBe('node scripts/build.js --if-stale && node dist/main.js');
    expect(scripts['pretest']).toBe('node scripts/build.js --if-stale');
    expect(scripts['build']).toBe('node scripts/build.js');
  });

  it('a fresh clone (no completed build) is built once', () => {
    const builds: string[] = [];
    const root = checkout(false);
    expect(buildIfStale(root, (r) => builds.push(r))).toBe(true);
    expect(builds).toEqual([root]);
  });

  it('an installed checkout whose build is newer than every input starts without building (no tsc)', () => {
    const builds: string[] = [];
    const root = checkout(true);
    utimesSync(path.join(root, STAMP), secondsAfter(t0, 60), secondsAfter(t0, 60));
    expect(isBuildStale(root)).toBe(false);
    expect(buildIfStale(root, (r) => builds.push(r))).toBe(false);
    expect(builds).toEqual([]);
  });

  it.each(['src/main.ts', 'src/infra/db/migrations/001-x.sql', 'tsconfig.build.json', 'package-lock.json'])(
    'a change to %s after the build makes it stale, and the next start builds once',
    (file) => {
      const builds: string[] = [];
      const root = checkout(true);
      utimesSync(path.join(root, STAMP), secondsAfter(t0, 60), secondsAfter(t0, 60));
      utimesSync(path.join(root, file), secondsAfter(t0, 120), secondsAfter(t0, 120));
      expect(buildIfStale(root, (r) => builds.push(r))).toBe(true);
      expect(builds).toEqual([root]);
    },
  );
});

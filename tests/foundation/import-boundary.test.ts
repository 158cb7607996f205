import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');

interface Fixture {
  /** Where the text is linted as if it were: the path decides which layer's boundary applies. */
  readonly filePath: string;
  readonly code: string;
}

interface LintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly severity: number;
  readonly message: string;
}

/**
 * Lints each fixture with ESLint's Node API and the repository's own eslint.config.mjs (what `npm run lint` runs), in
 * a child process so that ESLint loads its ES-module config natively. The fixtures are not files of the TypeScript
 * project, so the type-checked rules are switched off for them; the boundary rule needs no types.
 */
const lintFixtures = async (fixtures: ReadonlyArray<Fixture>): Promise<ReadonlyArray<ReadonlyArray<LintMessage>>> => {
  const script = `
    const { ESLint } = require('eslint');
    const { configs } = require('typescript-eslint');
    const fixtures = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: configs.disableTypeChecked });
      const out = [];
      for (const f of fixtures) {
        const [result] = await eslint.lintText(f.code, { filePath: f.filePath });
        out.push(result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, severity: m.severity, message: m.message })));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(fixtures)], { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
  return JSON.parse(stdout) as ReadonlyArray<ReadonlyArray<LintMessage>>;
};

const boundaryErrors = (messages: ReadonlyArray<LintMessage>) =>
  messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => ({ line: m.line, severity: m.severity, import: /'([^']+)' import is restricted/.exec(m.message)?.[1] }));

describe('the import boundary (npm run lint)', () => {
  let results: ReadonlyArray<ReadonlyArray<LintMessage>>;

  beforeAll(async () => {
    results = await lintFixtures([
      {
        filePath: 'src/services/__fixture__.ts',
        code: [
          "import type { Redis } from 'ioredis';",
          "import { makeCache } from '../infra/cache/make-cache';",
          "import type { Pool } from 'pg';",
          "import { makeApp } from '../http/app';",
          'export const uses = (redis: Redis, pool: Pool) => [redis, pool, makeCache, makeApp];',
        ].join('\n'),
      },
      {
        filePath: 'src/services/portfolio/__fixture__.ts',
        code: [
          "import type { Cache } from '../ports/cache';",
          "import type { WalletAddress } from '../../domain/address/wallet-address';",
          "import * as TE from 'fp-ts/TaskEither';",
          'export const uses = (cache: Cache, wallet: WalletAddress) => [cache, wallet, TE.right(1)];',
        ].join('\n'),
      },
      {
        filePath: 'src/domain/portfolio/__fixture__.ts',
        code: ["import { makePortfolioService } from '../../services/portfolio/portfolio-service';", "import { Pool } from 'pg';", 'export const uses = [makePortfolioService, Pool];'].join('\n'),
      },
      {
        filePath: 'src/realtime/__fixture__.ts',
        code: ["import { toHttpError } from '../http/to-http-error';", 'export const uses = [toHttpError];'].join('\n'),
      },
      {
        filePath: 'src/adapters/chain/__fixture__.ts',
        code: ["import { makeChain } from '../../composition/chain';", 'export const uses = [makeChain];'].join('\n'),
      },
      {
        filePath: 'src/composition/__fixture__.ts',
        code: ["import type { Redis } from 'ioredis';", "import { makeCache } from '../infra/cache/make-cache';", "import { makeApp } from '../http/app';", 'export const uses = (redis: Redis) => [redis, makeCache, makeApp];'].join('\n'),
      },
    ]);
  }, 120_000);

  it('fails a service that imports infra, http, ioredis or pg, type-only imports included', () => {
    expect(boundaryErrors(results[0] ?? [])).toEqual([
      { line: 1, severity: 2, import: 'ioredis' },
      { line: 2, severity: 2, import: '../infra/cache/make-cache' },
      { line: 3, severity: 2, import: 'pg' },
      { line: 4, severity: 2, import: '../http/app' },
    ]);
    expect(results[0]?.find((m) => m.line === 2)?.message).toContain('services declare the ports they need');
  });

  it('lets a service import its ports, the shared ports, domain and fp-ts', () => {
    expect(results[1]).toEqual([]);
  });

  it('fails domain code that imports a service or an I/O library', () => {
    expect(boundaryErrors(results[2] ?? [])).toEqual([
      { line: 1, severity: 2, import: '../../services/portfolio/portfolio-service' },
      { line: 2, severity: 2, import: 'pg' },
    ]);
  });

  it('fails realtime code that imports from http, and an adapter that imports the composition root', () => {
    expect(boundaryErrors(results[3] ?? [])).toEqual([{ line: 1, severity: 2, import: '../http/to-http-error' }]);
    expect(boundaryErrors(results[4] ?? [])).toEqual([{ line: 1, severity: 2, import: '../../composition/chain' }]);
  });

  it('lets the composition root import every layer', () => {
    expect(results[5]).toEqual([]);
  });
});

import * as E from 'fp-ts/Either';
import { decodeConfig } from './app-config';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  const result = decodeConfig(env);
  if (E.isRight(result)) throw new Error('expected the environment to be refused');
  return result.left;
};

describe('decodeConfig', () => {
  it('reports every bad variable at once, with its name and what was expected', () => {
    const problems = problemsOf({ PORT: 'eighty', RATE_LIMIT_MAX_REQUESTS: '-5', FRONTEND_URL: 'not a url' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['FRONTEND_URL', 'PORT', 'RATE_LIMIT_MAX_REQUESTS']);
    expect(problems.find((p) => p.variable === 'PORT')).toEqual({ variable: 'PORT', expected: 'port (0-65535)', got: 'eighty' });
    expect(problems.find((p) => p.variable === 'RATE_LIMIT_MAX_REQUESTS')?.expected).toBe('positive integer');
  });

  it('refuses production without strong secrets, and reports them with the other problems', () => {
    const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short', PORT: '70000' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['ENCRYPTION_KEY', 'JWT_SECRET', 'PORT']);
    expect(JSON.stringify(problems)).not.toContain('short');
  });

  it('accepts production with 32-character secrets and never invents one', () => {
    const secret = 'x'.repeat(32);
    const result = decodeConfig({ NODE_ENV: 'production', JWT_SECRET: secret, ENCRYPTION_KEY: `${secret}y` });
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    expect(result.right.config.secrets.jwtSecret).toBe(secret);
    expect(result.right.warnings).toEqual([]);
  });

  it('generates random development secrets with a warning for each', () => {
    const a = decodeConfig({});
    const b = decodeConfig({});
    if (E.isLeft(a) || E.isLeft(b)) throw new Error('development defaults must decode');
    expect(a.right.config.secrets.jwtSecret).toHaveLength(64);
    expect(a.right.config.secrets.jwtSecret).not.toBe(b.right.config.secrets.jwtSecret);
    expect(a.right.warnings.map((w) => w.split(' ')[0])).toEqual(['JWT_SECRET', 'ENCRYPTION_KEY']);
  });

  it('takes unset secrets from the kept-secret source on the embedded default only, never with DATABASE_URL', () => {
    const kept = (name: string) => ({ value: `kept-${name}`, warning: `${name} kept` });
    const embedded = decodeConfig({}, '1.0.0', { keptSecret: kept });
    const external = decodeConfig({ DATABASE_URL: 'postgres://db.example/app' }, '1.0.0', { keptSecret: kept });
    if (E.isLeft(embedded) || E.isLeft(external)) throw new Error('must decode');
    expect(embedded.right.config.secrets).toMatchObject({ jwtSecret: 'kept-JWT_SECRET', encryptionKey: 'kept-ENCRYPTION_KEY' });
    expect(embedded.right.warnings).toEqual(['JWT_SECRET kept', 'ENCRYPTION_KEY kept']);
    expect(external.right.config.secrets.jwtSecret).toHaveLength(64);
    expect(external.right.warnings).toEqual(
      ['JWT_SECRET', 'ENCRYPTION_KEY'].map((name) => `${name} is not set: using a random value for this run only (tokens and encrypted data will not survive a restart)`),
    );
  });

  it('starts on embedded defaults: port 8000, mainnet, one pooled connection', () => {
    const result = decodeConfig({});
    if (E.isLeft(result)) throw new Error('defaults must decode');
    const { config } = result.right;
    expect(config.server.port).toBe(8000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.poolMax).toBe(1);
    expect(config.chain.chainId).toBe(1329);
    expect(config.cacheTtlSeconds).toEqual({ portfolio: 300, positions: 60, prices: 30, metrics: 120 });
    expect(config.server.maxRequestSizeBytes).toBe(1024 * 1024);
  });

  it('turns a comma-separated SEI_RPC_URL into a fallback list', () => {
    const result = decodeConfig({ SEI_RPC_URL: 'http://a.example:8545, http://b.example:8545' });
    if (E.isLeft(result)) throw new Error('must decode');
    expect(result.right.config.chain.rpcUrls).toEqual(['http://a.example:8545', 'http://b.example:8545']);
  });

  it('requires a chain id and RPC URL for a custom network', () => {
    expect(problemsOf({ SEI_NETWORK: 'custom' }).map((p) => p.variable).sort()).toEqual(['SEI_CHAIN_ID', 'SEI_RPC_URL']);
  });

  it('gives a chain read 4 s by default, well inside the 30 s request timeout, and refuses a deadline that is not', () => {
    const result = decodeConfig({});
    if (E.isLeft(result)) throw new Error('defaults must decode');
    expect([result.right.config.rpcGuard, result.right.config.server.requestTimeoutMs]).toEqual([{ readDeadlineMs: 4000, circuitFailures: 1, circuitOpenSeconds: 15 }, 30_000]);
    expect(problemsOf({ RPC_READ_DEADLINE_MS: '30000' })).toEqual([{ variable: 'RPC_READ_DEADLINE_MS', expected: 'fewer milliseconds than REQUEST_TIMEOUT (30000)' }]);
  });
});

/**
 * A loopback copy of the production nginx.conf, for tests that validate (`nginx -t`) and really run it
 * without root, Docker or the compose network.
 *
 * The production file is copied and these exact texts are replaced, on non-comment lines only:
 *   "user nginx;"                          -> removed; "user root;" when the test runs as root (the workers
 *                                             then stay root and can use the temp dirs below)
 *   "pid /var/run/nginx.pid;"              -> <prefix>/nginx.pid
 *   "/var/log/nginx/error.log"             -> <prefix>/logs/error.log
 *   "/var/log/nginx/access.log"            -> <prefix>/logs/access.log
 *   "server backend:8000"                  -> "server 127.0.0.1:<upstreamPort>"
 *   "listen 80 default_server;"            -> "listen 127.0.0.1:<httpPort> default_server;"
 *   "listen 443 ssl http2 default_server;" -> "listen 127.0.0.1:<httpsPort> ssl http2 default_server;"
 *   "/etc/nginx/certs/fullchain.pem"       -> certPath (a throwaway self-signed certificate)
 *   "/etc/nginx/certs/privkey.pem"         -> keyPath
 *   "http {"                               -> "http {" followed by client_body/proxy/fastcgi/uwsgi/scgi
 *                                             temp paths under <prefix>/tmp (instead of /var/lib/nginx)
 * Every one of them must occur in nginx.conf: a missing one throws, so the production file and this helper
 * cannot drift apart silently. Everything else (zones, headers, locations, TLS settings) is tested verbatim.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The production nginx.conf at the repository root. */
export const productionNginxConfPath = resolve(__dirname, '..', '..', 'nginx.conf');

export interface NginxTestSettings {
  readonly upstreamPort: number;
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly certPath: string;
  readonly keyPath: string;
  /** Directory for the pid file, logs and temp files; also the `-p` prefix. */
  readonly prefixDir: string;
  readonly runsAsRoot: boolean;
}

interface Substitution {
  readonly find: string;
  readonly replace: string;
  /** How many non-comment lines must contain `find`. */
  readonly expectedLines: number;
}

const tempPathDirectives = (prefixDir: string): string =>
  ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(prefixDir, 'tmp', kind)};`)
    .join('\n');

const substitutionsFor = (s: NginxTestSettings): ReadonlyArray<Substitution> => [
  { find: 'user nginx;', replace: s.runsAsRoot ? 'user root;' : '', expectedLines: 1 },
  { find: 'pid /var/run/nginx.pid;', replace: `pid ${join(s.prefixDir, 'nginx.pid')};`, expectedLines: 1 },
  { find: '/var/log/nginx/error.log', replace: join(s.prefixDir, 'logs', 'error.log'), expectedLines: 1 },
  { find: '/var/log/nginx/access.log', replace: join(s.prefixDir, 'logs', 'access.log'), expectedLines: 1 },
  { find: 'server backend:8000', replace: `server 127.0.0.1:${s.upstreamPort}`, expectedLines: 1 },
  {
    find: 'listen 80 default_server;',
    replace: `listen 127.0.0.1:${s.httpPort} default_server;`,
    expectedLines: 1,
  },
  {
    find: 'listen 443 ssl http2 default_server;',
    replace: `listen 127.0.0.1:${s.httpsPort} ssl http2 default_server;`,
    expectedLines: 1,
  },
  { find: '/etc/nginx/certs/fullchain.pem', replace: s.certPath, expectedLines: 1 },
  { find: '/etc/nginx/certs/privkey.pem', replace: s.keyPath, expectedLines: 1 },
  { find: 'http {', replace: `http {\n${tempPathDirectives(s.prefixDir)}`, expectedLines: 1 },
];

const isComment = (line: string): boolean => line.trimStart().startsWith('#');

/** Pure: the test copy of `source` (an nginx.conf text). Throws when an expected production line is missing. */
export const renderNginxTestConfig = (source: string, settings: NginxTestSettings): string => {
  const substitutions = substitutionsFor(settings);
  const counts = new Map<string, number>(substitutions.map((sub) => [sub.find, 0]));
  const lines = source.split('\n').map((line) =>
    isComment(line)
      ? line
      : substitutions.reduce((current, sub) => {
          if (!current.includes(sub.find)) return current;
          counts.set(sub.find, (counts.get(sub.find) ?? 0) + 1);
          return current.split(sub.find).join(sub.replace);
        }, line),
  );
  const mismatches = substitutions.filter((sub) => counts.get(sub.find) !== sub.expectedLines);
  if (mismatches.length > 0) {
    const detail = mismatches
      .map((sub) => `"${sub.find}" found on ${counts.get(sub.find) ?? 0} line(s), expected ${sub.expectedLines}`)
      .join('; ');
    throw new Error(`nginx.conf no longer matches tests/deploy/nginx-test-config.ts: ${detail}`);
  }
  return lines.join('\n');
};

export interface PreparedNginxConfig {
  readonly configPath: string;
  readonly prefixDir: string;
  readonly errorLogPath: string;
}

/** Writes the test copy into settings.prefixDir (plus its logs/ and tmp/ dirs) and returns the paths. */
export const writeNginxTestConfig = (
  settings: NginxTestSettings,
  sourcePath: string = productionNginxConfPath,
): PreparedNginxConfig => {
  mkdirSync(join(settings.prefixDir, 'logs'), { recursive: true });
  mkdirSync(join(settings.prefixDir, 'tmp'), { recursive: true });
  const configPath = join(settings.prefixDir, 'nginx.conf');
  writeFileSync(configPath, renderNginxTestConfig(readFileSync(sourcePath, 'utf8'), settings));
  return { configPath, prefixDir: settings.prefixDir, errorLogPath: join(settings.prefixDir, 'logs', 'error.log') };
};

/**
 * Arguments for the nginx binary: `-p <prefix> -c <config> -e <startup error log>`, plus the extra ones
 * (e.g. ['-t'] to test, or ['-g', 'daemon off;'] to run in the foreground).
 */
export const nginxArgs = (prepared: PreparedNginxConfig, extra: ReadonlyArray<string>): string[] => [
  '-p', prepared.prefixDir,
  '-c', prepared.configPath,
  '-e', prepared.errorLogPath,
  ...extra,
];

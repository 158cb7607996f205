// PM2 process file for running the backend on a host (outside Docker) in cluster mode.
//
//   npm run build
//   npx pm2 start ecosystem.config.js --env production     # NODE_ENV=production
//   npx pm2 reload ecosystem.config.js --env production    # zero-downtime: one worker at a time
//
// Settings are read from the environment of the shell that runs pm2, once, when this file is loaded:
//   CLUSTER_WORKERS  number of workers, or "max" (one per CPU, the default); negative = CPUs minus n
//   PORT, HOST       passed through to the app (defaults 8000 and 127.0.0.1: PM2 runs behind nginx on this host)
//   TRUST_PROXY_HOPS proxies whose X-Forwarded-For the app trusts; default 1 when HOST is a loopback address (only
//                    nginx on this host can connect), else 0. The one rule (README): trust exactly the proxies in
//                    front, and only when nothing else can reach the port. Serving clients directly from PM2?
//                    Set HOST=0.0.0.0 and the default becomes 0.
//   LOG_DIR          directory for PM2's stdout/stderr files (default ./logs next to this file)
//   PM2_MAX_MEMORY   restart a worker above this resident size (default 512M)
// Everything else in the shell environment (DATABASE_URL, REDIS_URL, secrets...) reaches the workers too:
// PM2 passes the invoking environment through, the env blocks below only add to it.
//
// Notes:
// - With more than one worker, use Postgres (DATABASE_URL): embedded PGlite cannot share one DATA_DIR
//   between processes. Use Redis (REDIS_URL) too, so that rate limits, caches and Socket.IO rooms are
//   shared by all workers (the Socket.IO Redis adapter).
// - PM2's cluster balancer spreads TCP connections round-robin, so Socket.IO HTTP long-polling, which
//   needs every request of a session on the same worker, breaks across workers: clients should use the
//   websocket transport directly (transports: ['websocket']), or run one worker per container instead.
// - wait_ready: a worker counts as online only after it calls process.send('ready'), i.e. when it
//   listens; listen_timeout bounds that wait. kill_timeout (8 s) is PM2's patience with a stopping
//   worker before SIGKILL. The app's shutdown takes SHUTDOWN_READINESS_DELAY_MS (0.5 s) + the drain
//   (about 1 s under keep-alive load: clients are told "Connection: close"; at most SHUTDOWN_TIMEOUT_MS,
//   4 s, for slow requests) + 0.3 s cluster hand-off + at most 0.5 s for Redis: 5.3 s at worst, 2.7 s
//   inside kill_timeout. Keep SHUTDOWN_TIMEOUT_MS below kill_timeout minus 1.5 s if you change either.
'use strict';

const path = require('node:path');

/** "max" | an integer (negative means "CPUs minus n"), from CLUSTER_WORKERS. */
const parseInstances = (raw) => {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'max') return 'max';
  if (/^-?\d+$/.test(value) && Number(value) !== 0) return Number(value);
  throw new Error(`CLUSTER_WORKERS must be "max" or a non-zero integer, got "${raw}"`);
};

const logDir = path.resolve(__dirname, process.env.LOG_DIR ?? 'logs');
const port = process.env.PORT ?? '8000';
const host = process.env.HOST ?? '127.0.0.1';
const isLoopback = (address) => address === 'localhost' || address === '::1' || address.startsWith('127.');
const trustProxyHops = process.env.TRUST_PROXY_HOPS ?? (isLoopback(host) ? '1' : '0');

module.exports = {
  apps: [
    {
      name: 'sei-portfolio-backend',
      cwd: __dirname,
      script: 'dist/main.js',
      node_args: ['--enable-source-maps'],
      exec_mode: 'cluster',
      instances: parseInstances(process.env.CLUSTER_WORKERS),
      instance_var: 'NODE_APP_INSTANCE',

      wait_ready: true,
      listen_timeout: 15000,
      kill_timeout: 8000,

      autorestart: true,
      max_restarts: 10,
      min_uptime: '10s',
      exp_backoff_restart_delay: 200,
      max_memory_restart: process.env.PM2_MAX_MEMORY ?? '512M',
      watch: false,

      out_file: path.join(logDir, 'pm2-out.log'),
      error_file: path.join(logDir, 'pm2-error.log'),
      merge_logs: true,
      time: true,

      env: {
        NODE_ENV: process.env.NODE_ENV ?? 'development',
        PORT: port,
        HOST: host,
        TRUST_PROXY_HOPS: trustProxyHops,
      },
      env_production: {
        NODE_ENV: 'production',
        PORT: port,
        HOST: host,
        TRUST_PROXY_HOPS: trustProxyHops,
      },
    },
  ],
};

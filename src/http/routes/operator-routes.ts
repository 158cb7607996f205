import * as os from 'node:os';
import { Router } from 'express';
import type { CacheStats } from '../../infra/cache/cache';
import type { Metrics } from '../../infra/metrics';
import { sendOk } from '../envelope';
import { internalOnly } from '../middleware/internal-only';

export interface OperatorRouteDeps {
  readonly metrics: Metrics;
  readonly metricsToken: string | undefined;
  readonly cacheStats: () => CacheStats;
  readonly connections: () => Record<string, number>;
}

/** `/metrics` (Prometheus) and `/debug/performance`, guarded by a token or loopback. */
export const operatorRoutes = (deps: OperatorRouteDeps): Router => {
  const router = Router();
  const guard = internalOnly(deps.metricsToken);

  router.get('/metrics', guard, async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });

  router.get('/debug/performance', guard, (_req, res) => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    sendOk(res, {
      pid: process.pid,
      uptimeSeconds: Math.round(process.uptime()),
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal, externalBytes: memory.external },
      cpu: { userMicros: cpu.user, systemMicros: cpu.system },
      loadAverage: os.loadavg(),
      cache: deps.cacheStats(),
      connections: deps.connections(),
    });
  });
  return router;
};

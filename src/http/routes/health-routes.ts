import { Router } from 'express';
import type { Lifecycle } from '../../infra/lifecycle';
import { checkHealth, type HealthChecks } from '../../services/health';
import { sendError, sendOk } from '../envelope';
import { workerId } from '../middleware/worker-id';

export interface HealthRouteDeps {
  readonly checks: HealthChecks;
  readonly lifecycle: Lifecycle;
  readonly version: string;
}

/** `/health` (dependencies), `/health/live` (process only) and `/health/ready` (traffic switch for balancers). */
export const healthRoutes = (deps: HealthRouteDeps): Router => {
  const router = Router();
  const uptime = () => Math.round((Date.now() - deps.lifecycle.startedAt) / 1000);
  const self = { pid: process.pid, instance: process.env['NODE_APP_INSTANCE'] ?? '0', id: workerId() };
  const worker = () => self;

  router.get('/health', async (_req, res) => {
    const report = await checkHealth(deps.checks);
    res.setHeader('Cache-Control', 'no-store');
    const body = { ...report, uptime: uptime(), version: deps.version, worker: worker() };
    if (report.status === 'unhealthy') {
      res.status(503).json({ success: false, data: body, error: { code: 'UNHEALTHY', message: 'A required dependency is down' } });
      return;
    }
    sendOk(res, body);
  });

  router.get('/health/live', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    sendOk(res, { status: 'alive', uptime: uptime(), worker: worker() });
  });

  router.get('/health/ready', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!deps.lifecycle.isReady()) {
      const why = deps.lifecycle.isShuttingDown() ? 'shutting down' : 'starting';
      return sendError(res, { status: 503, code: 'NOT_READY', message: `The server is ${why}` });
    }
    const report = await checkHealth(deps.checks);
    if (report.status === 'unhealthy') return sendError(res, { status: 503, code: 'NOT_READY', message: 'A required dependency is down', details: report.checks });
    sendOk(res, { status: 'ready', checks: report.checks });
  });
  return router;
};

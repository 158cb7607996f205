import type { Request, RequestHandler } from 'express';
import type { WriteAccessLine } from '../../infra/logging/access-line';
import type { Metrics } from '../../infra/metrics';

/** The route template (`/api/portfolio/:address`), never the raw path, so metrics stay low-cardinality. */
export const routeTemplate = (req: Request): string => {
  const route: unknown = req.route;
  const routePath = route !== null && typeof route === 'object' && 'path' in route && typeof route.path === 'string' ? route.path : undefined;
  return routePath === undefined ? 'unmatched' : `${req.baseUrl}${routePath}`;
};

/** One access-log line and one histogram observation per request. */
export const accessLog = (writeLine: WriteAccessLine, metrics: Metrics): RequestHandler => (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeTemplate(req);
    metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    writeLine({
      requestId: String(res.locals['requestId']),
      method: req.method,
      route,
      path: req.path,
      status: res.statusCode,
      durationMs: Math.round(seconds * 1e6) / 1e3,
      ip: req.ip,
    });
  });
  next();
};

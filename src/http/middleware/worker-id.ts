import type { RequestHandler } from 'express';

/** `<PM2 instance>:<pid>`, so a client (and the cluster test) can tell which worker answered. */
export const workerId = (): string => `${process.env['NODE_APP_INSTANCE'] ?? '0'}:${process.pid}`;

/** Sets X-Worker-Id on every answer (read once: a worker's instance and pid do not change). */
export const workerIdHeader = (): RequestHandler => {
  const id = workerId();
  return (_req, res, next) => {
    res.setHeader('X-Worker-Id', id);
    next();
  };
};

import type { RequestHandler } from 'express';

/** `<PM2 instance>:<pid>`, so a client (and the cluster test) can tell which worker answered. */
export const workerId = (): string => `${process.env['NODE_APP_INSTANCE'] ?? '0'}:${process.pid}`;

export const workerIdHeader = (): RequestHandler => (_req, res, next) => {
  res.setHeader('X-Worker-Id', workerId());
  next();
};

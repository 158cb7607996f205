import cors from 'cors';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import type { Logger } from '../services/ports/logger';
import { accessLineWriterOf } from '../infra/logging/access-line';
import type { Metrics } from '../infra/metrics';
import { accessLog } from './middleware/access-log';
import { contentSecurityPolicy } from './middleware/content-security-policy';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { rateLimit, type HttpRateLimit } from './middleware/rate-limit';
import { requestId } from './middleware/request-id';
import { requestTimeout } from './middleware/request-timeout';
import { workerIdHeader } from './middleware/worker-id';

export interface AppDeps {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly limiters: { readonly api: HttpRateLimit; readonly ai: HttpRateLimit };
  /** Health, metrics and debug routes: outside /api and its rate limits. */
  readonly operatorRouters: ReadonlyArray<Router>;
  /** Feature routers mounted under /api, after the rate limits. */
  readonly apiRouters: ReadonlyArray<Router>;
}

/** Builds the Express app without listening, so tests drive it with supertest. */
export const makeApp = (deps: AppDeps): Express => {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.server.trustProxyHops);
  app.set('etag', false);

  app.use(requestId());
  app.use(workerIdHeader());
  app.use(accessLog(accessLineWriterOf(deps.logger), deps.metrics));
  app.use(requestTimeout(config.server.requestTimeoutMs));
  // Helmet for the other security headers; the policy is ours, the same for every JSON answer (see content-security-policy.ts).
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(contentSecurityPolicy());
  const allowed = new Set(config.server.allowedOrigins);
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id', 'If-None-Match'],
      exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'X-Worker-Id'],
      maxAge: 600,
    }),
  );
  app.use(express.json({ limit: config.server.maxRequestSizeBytes }));

  for (const router of deps.operatorRouters) app.use(router);
  app.use('/api/ai', rateLimit(deps.limiters.ai, 'AI_RATE_LIMITED'));
  app.use('/api', rateLimit(deps.limiters.api));
  for (const router of deps.apiRouters) app.use('/api', router);

  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger, config.server.maxRequestSizeBytes));
  return app;
};

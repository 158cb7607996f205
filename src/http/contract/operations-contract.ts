import * as t from 'io-ts';
import type { RouteContract } from './route-contract';

const CheckStatus = t.keyof({ up: null, down: null, not_configured: null });
const Checks = t.type({ database: CheckStatus, cache: CheckStatus, rpc: CheckStatus, openai: CheckStatus });
const Worker = t.type({ pid: t.number, instance: t.string, id: t.string });
const HealthCodec = t.type({ status: t.keyof({ healthy: null, degraded: null, unhealthy: null }), checks: Checks, uptime: t.number, version: t.string, worker: Worker });
const ErrorPart = t.type({ code: t.string, message: t.string });

/** Health, metrics and the documents themselves. */
export const operationsContract: ReadonlyArray<RouteContract> = [
  {
    method: 'get',
    path: '/health',
    tag: 'Operations',
    summary: 'Dependency health: healthy | degraded (200) or unhealthy (503)',
    answers: { 200: { description: 'healthy or degraded', data: HealthCodec }, 503: { description: 'unhealthy', body: t.type({ success: t.literal(false), data: HealthCodec, error: ErrorPart }) } },
    errors: [],
  },
  { method: 'get', path: '/health/live', tag: 'Operations', summary: 'Process liveness (no dependency checks)', answers: { 200: { description: 'alive', data: t.type({ status: t.literal('alive'), uptime: t.number, worker: Worker }) } }, errors: [] },
  { method: 'get', path: '/health/ready', tag: 'Operations', summary: 'Readiness: 503 NOT_READY while starting, shutting down or without the database', answers: { 200: { description: 'ready', data: t.type({ status: t.literal('ready'), checks: Checks }) } }, errors: [503] },
  { method: 'get', path: '/metrics', tag: 'Operations', auth: 'metrics', summary: 'Prometheus metrics (bearer METRICS_TOKEN, or loopback only)', answers: { 200: { description: 'Prometheus text format', text: 'text/plain; version=0.0.4' } }, errors: [401, 403] },
  {
    method: 'get',
    path: '/debug/performance',
    tag: 'Operations',
    auth: 'metrics',
    summary: 'Process memory, CPU, cache and connection figures (bearer METRICS_TOKEN, or loopback only)',
    answers: {
      200: {
        description: 'figures of this worker',
        data: t.type({
          pid: t.number,
          uptimeSeconds: t.number,
          memory: t.type({ rssBytes: t.number, heapUsedBytes: t.number, heapTotalBytes: t.number, externalBytes: t.number }),
          cpu: t.type({ userMicros: t.number, systemMicros: t.number }),
          loadAverage: t.readonlyArray(t.number),
          cache: t.UnknownRecord,
          connections: t.record(t.string, t.number),
        }),
      },
    },
    errors: [401, 403],
  },
  { method: 'get', path: '/api/docs', tag: 'Operations', summary: 'This document as a browsable page (or JSON with Accept: application/json)', answers: { 200: { description: 'an HTML page', text: 'text/html' } }, errors: [] },
  { method: 'get', path: '/api/docs/asyncapi.json', tag: 'Operations', summary: 'The AsyncAPI 3 document of the Socket.IO events', answers: { 200: { description: 'AsyncAPI 3.0', body: t.UnknownRecord } }, errors: [] },
  { method: 'get', path: '/api/docs/openapi.json', tag: 'Operations', summary: 'This OpenAPI document', answers: { 200: { description: 'OpenAPI 3.1', body: t.UnknownRecord } }, errors: [] },
];

import { Router } from 'express';
import { sendOk } from '../envelope';
import { useDocsPagePolicy } from '../middleware/content-security-policy';
import { asyncApiDocument } from './asyncapi-document';
import { openApiDocument } from './openapi-document';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained browsable page (no CDN, no script: its CSP allows inline styles only): every path, method and summary. */
const renderPage = (doc: ReturnType<typeof openApiDocument>): string => {
  const rows = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, { summary?: string; security?: unknown }>).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${op.security === undefined ? '' : '🔒 '}${escapeHtml(op.summary ?? '')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}td{padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1><p>${escapeHtml(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a> (REST) and <a href="/api/docs/asyncapi.json">/api/docs/asyncapi.json</a> (Socket.IO events, AsyncAPI 3). 🔒 = <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table>${rows.join('')}</table></body></html>`;
};

/** `/api/docs`: the OpenAPI document as JSON (Accept: application/json, or /api/docs/openapi.json) or a browsable page; the AsyncAPI document of the socket events. */
export const docsRoutes = (version: string): Router => {
  const router = Router();
  const doc = openApiDocument(version);
  const events = asyncApiDocument(version);
  const page = renderPage(doc);
  router.get('/docs/openapi.json', (_req, res) => {
    res.json(doc);
  });
  router.get('/docs/asyncapi.json', (_req, res) => {
    res.json(events);
  });
  router.get('/docs', (req, res) => {
    if (req.accepts(['html', 'json']) === 'json') return sendOk(res, doc);
    useDocsPagePolicy(res);
    res.type('html').send(page);
  });
  return router;
};

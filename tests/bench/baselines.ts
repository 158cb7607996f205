import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** The same JSON body the API's envelope would carry, from a raw node:http server and from a minimal Express route. */
export const startBaselines = async (body: unknown) => {
  const json = JSON.stringify({ success: true, data: body });
  const raw = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(json);
  });
  const app = express();
  app.get('/json', (_req, res) => {
    res.json({ success: true, data: body });
  });
  const minimal = createServer(app);
  const rawUrl = await listen(raw);
  const expressUrl = await listen(minimal);
  return {
    rawUrl,
    expressUrl: `${expressUrl}/json`,
    stop: async () => {
      await new Promise((r) => raw.close(r));
      await new Promise((r) => minimal.close(r));
    },
  };
};

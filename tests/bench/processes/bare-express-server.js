// Baseline: one Express 5 JSON route and nothing else (no middleware). Listens on PORT (loopback), prints "listening on host:port".
'use strict';
const express = require('express');

const app = express();
app.get('/json', (_req, res) => {
  res.json({ success: true, data: { hello: 'world' } });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on 127.0.0.1:${server.address().port}\n`);
});
server.keepAliveTimeout = 65_000;
process.once('SIGTERM', () => server.close(() => process.exit(0)));

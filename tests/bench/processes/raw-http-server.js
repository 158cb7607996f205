// Baseline: the smallest JSON server node:http allows. Listens on PORT (loopback), prints "listening on host:port".
'use strict';
const { Buffer } = require('node:buffer');
const { createServer } = require('node:http');

const body = JSON.stringify({ success: true, data: { hello: 'world' } });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on 127.0.0.1:${server.address().port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

// Socket.IO clients for the fan-out bench, in their own process (the server's process is measured alone).
// Driven over IPC by tests/bench/price-fanout.ts:
//   { type: 'grow', to }  -> connects WebSocket clients until `to` are connected, each subscribed to prices
//                            -> { type: 'connected', count }
//   { type: 'arm', usd }  -> waits for a price_update whose native price is `usd` on every socket
//                            -> { type: 'armed' }, then { type: 'received', times } (epoch ms per socket)
//   { type: 'close' }     -> closes every socket and exits
// Any failure -> { type: 'error', message }.
'use strict';
const { performance } = require('node:perf_hooks');
const { io } = require('socket.io-client');

const url = process.env.FANOUT_URL;
const BATCH = 250;
const sockets = [];
const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.send(message);

const connectOne = () =>
  new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30000 });
    socket.once('connect_error', reject);
    socket.once('connect', () =>
      socket.timeout(30000).emit('subscribe_prices', {}, (err, ack) => (err || !ack.ok ? reject(err || new Error(JSON.stringify(ack))) : resolve(socket))),
    );
  });

const grow = async (to) => {
  while (sockets.length < to) {
    const batch = await Promise.all(Array.from({ length: Math.min(BATCH, to - sockets.length) }, connectOne));
    sockets.push(...batch);
  }
  send({ type: 'connected', count: sockets.filter((s) => s.connected).length });
};

const arm = (usd) => {
  const times = new Array(sockets.length);
  let left = sockets.length;
  sockets.forEach((socket, i) => {
    const onUpdate = (update) => {
      if (update.prices.native === undefined || update.prices.native.usd !== usd) return;
      times[i] = now();
      socket.off('price_update', onUpdate);
      left -= 1;
      if (left === 0) send({ type: 'received', times });
    };
    socket.on('price_update', onUpdate);
  });
  send({ type: 'armed' });
};

process.on('message', (message) => {
  const fail = (error) => send({ type: 'error', message: String(error && error.message ? error.message : error) });
  if (message.type === 'grow') grow(message.to).catch(fail);
  if (message.type === 'arm') arm(message.usd);
  if (message.type === 'close') {
    sockets.forEach((socket) => socket.close());
    process.exit(0);
  }
});

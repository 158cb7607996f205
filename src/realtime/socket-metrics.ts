import { Gauge } from 'prom-client';
import type { Metrics } from '../infra/metrics';
import type { RealtimeIo } from './socket-events';

/** `socketio_connections`: Socket.IO connections open on this worker, read at scrape time. */
export const registerSocketMetrics = (metrics: Metrics, io: RealtimeIo): void => {
  new Gauge({
    name: 'socketio_connections',
    help: 'Socket.IO connections open on this worker',
    registers: [metrics.registry],
    collect() {
      this.set(io.engine.clientsCount);
    },
  });
};

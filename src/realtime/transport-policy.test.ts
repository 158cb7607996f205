import { isWebSocketOnly, workerCountOf } from './transport-policy';

describe('workerCountOf', () => {
  it('reads max as one per CPU, a number as itself, a negative number as CPUs minus it, never below 1', () => {
    expect(workerCountOf('max', 4)).toBe(4);
    expect(workerCountOf('2', 4)).toBe(2);
    expect(workerCountOf('-1', 4)).toBe(3);
    expect(workerCountOf('-8', 4)).toBe(1);
    expect(workerCountOf('1', 16)).toBe(1);
  });
});

describe('isWebSocketOnly', () => {
  const pm2 = { appInstance: '0', clusterWorkers: '2', cpus: 2 };
  it('auto: WebSocket only under PM2 with several workers', () => {
    expect(isWebSocketOnly('auto', pm2)).toBe(true);
    expect(isWebSocketOnly('auto', { ...pm2, clusterWorkers: 'max' })).toBe(true);
  });

  it('auto: both transports for one PM2 worker, or outside PM2 (tests, docker, node dist/main.js)', () => {
    expect(isWebSocketOnly('auto', { ...pm2, clusterWorkers: '1' })).toBe(false);
    expect(isWebSocketOnly('auto', { ...pm2, clusterWorkers: 'max', cpus: 1 })).toBe(false);
    expect(isWebSocketOnly('auto', { ...pm2, appInstance: undefined })).toBe(false);
  });

  it('an explicit setting wins', () => {
    expect(isWebSocketOnly('websocket', { ...pm2, appInstance: undefined })).toBe(true);
    expect(isWebSocketOnly('polling,websocket', pm2)).toBe(false);
  });
});

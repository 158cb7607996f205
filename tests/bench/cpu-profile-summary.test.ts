import { moduleOf, summariseCpuProfile, type CpuProfile } from './cpu-profile-summary';

const frame = (id: number, functionName: string, url: string, lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

describe('summarising a V8 CPU profile', () => {
  it('names the module of a frame: a package, an app file, node internals, or a V8 pseudo-frame', () => {
    expect(moduleOf('file:///app/node_modules/express/lib/router.js', 'handle')).toBe('express');
    expect(moduleOf('file:///app/node_modules/@socket.io/redis-adapter/dist/index.js', 'x')).toBe('@socket.io/redis-adapter');
    expect(moduleOf('file:///app/dist/http/middleware/access-log.js', 'x')).toBe('app:http/middleware/access-log');
    expect(moduleOf('node:internal/http', 'x')).toBe('node:internal');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it('sums self time per function and module over the samples inside the window only, idle left out of the shares', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'handle', 'file:///app/node_modules/express/lib/router.js', 9),
        frame(3, 'log', 'file:///app/node_modules/winston/lib/logger.js', 4),
        frame(4, 'next', 'file:///app/node_modules/express/lib/router.js', 19),
      ],
      startTime: 1_000,
      // Sample times: 1000 (before the window), 1100, 1200, 1300, 1400, 1500 (after it).
      samples: [3, 2, 3, 4, 1, 2],
      timeDeltas: [0, 100, 100, 100, 100, 100],
    };
    const summary = summariseCpuProfile(profile, 1_100, 1_400);
    expect(summary.windowUs).toBe(400);
    expect(summary.busyUs).toBe(300);
    expect(summary.byModule).toEqual([
      { name: 'express', selfUs: 200, share: 200 / 300 },
      { name: 'winston', selfUs: 100, share: 100 / 300 },
    ]);
    expect(summary.byFunction.map((line) => [line.name, line.selfUs])).toEqual([
      ['handle express:10', 100],
      ['log winston:5', 100],
      ['next express:20', 100],
    ]);
  });
});

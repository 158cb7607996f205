import { moduleOf, summariseCpuProfile, type CpuProfile } from './cpu-profile-summary';

const frame = (id: number, functionName: string, url: string, lineNumber = 0, children: ReadonlyArray<number> = []) => ({
  id,
  callFrame: { functionName, url, lineNumber },
  children,
});

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
        frame(3, 'log', 'file:///app/node_modules/winston/lib/logger.js', 4, [5]),
        frame(4, 'next', 'file:///app/node_modules/express/lib/router.js', 19),
        frame(5, 'write', 'node:internal/fs/utils', 0, [6]),
        frame(6, 'writeString', ''),
      ],
      startTime: 1_000,
      // Sample times: 1000 (before the window), 1100, 1200, 1300, 1400 (idle), 1450, 1500 (after it).
      samples: [3, 2, 3, 4, 1, 6, 2],
      timeDeltas: [0, 100, 100, 100, 100, 50, 50],
    };
    const summary = summariseCpuProfile(profile, 1_100, 1_450);
    expect(summary.windowUs).toBe(400);
    expect(summary.busyUs).toBe(350);
    expect(summary.byModule).toEqual([
      { name: 'express', selfUs: 200, share: 200 / 350 },
      { name: 'winston', selfUs: 100, share: 100 / 350 },
      { name: '(native)', selfUs: 50, share: 50 / 350 },
    ]);
    expect(summary.byFunction.map((line) => [line.name, line.selfUs])).toEqual([
      ['handle express:10', 100],
      ['log winston:5', 100],
      ['next express:20', 100],
      ['writeString', 50],
    ]);
    expect(summary.byCallerModule.map((line) => [line.name, line.selfUs])).toEqual([
      ['express', 200],
      ['winston', 150],
    ]);
  });

  it("charges native code and node's internals to the first package up the stack", () => {
    const summary = summariseCpuProfile(
      {
        nodes: [frame(1, 'log', 'file:///app/node_modules/winston/lib/logger.js', 4, [2]), frame(2, 'write', 'node:internal/fs/utils', 0, [3]), frame(3, 'writeString', '')],
        startTime: 0,
        samples: [3, 2, 1],
        timeDeltas: [0, 30, 10, 0],
      },
      0,
      100,
    );
    expect(summary.byCallerModule).toEqual([{ name: 'winston', selfUs: 40, share: 1 }]);
  });
});

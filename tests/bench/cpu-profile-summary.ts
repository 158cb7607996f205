/** The parts of V8's .cpuprofile (`node --cpu-prof`) the summary reads. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: ReadonlyArray<number>;
  }>;
  /** µs, same monotonic clock as process.hrtime. */
  readonly startTime: number;
  readonly samples: ReadonlyArray<number>;
  readonly timeDeltas: ReadonlyArray<number>;
}

export interface CostLine {
  readonly name: string;
  /** Self time (µs) within the window. */
  readonly selfUs: number;
  /** Share of the busy (non-idle) time within the window. */
  readonly share: number;
}

export interface CpuProfileSummary {
  readonly windowUs: number;
  readonly busyUs: number;
  readonly byFunction: ReadonlyArray<CostLine>;
  readonly byModule: ReadonlyArray<CostLine>;
  /**
   * Self time charged to the nearest package or app file up the stack: node's internals and native code (socket
   * writes, syscalls) count for whoever called them, e.g. a log line's write for winston.
   */
  readonly byCallerModule: ReadonlyArray<CostLine>;
}

const IDLE = '(idle)';
/** Modules that are not a caller of their own: their time goes to the first package or app file above them. */
const isPassThrough = (module: string): boolean => module === 'node:internal' || module === '(native)';

/** Where a frame's code lives: a package under node_modules, a file of the app, node's internals, or a V8 pseudo-frame. */
export const moduleOf = (url: string, functionName: string): string => {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules?.[1] !== undefined) return inModules[1];
  const inApp = /\/(?:dist|src)\/(.+?)(?:\.js|\.ts)?$/.exec(path);
  return inApp?.[1] === undefined ? path : `app:${inApp[1]}`;
};

const top = (totals: Map<string, number>, busyUs: number, limit: number): ReadonlyArray<CostLine> =>
  [...totals.entries()]
    .filter(([name]) => name !== IDLE)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, selfUs]) => ({ name, selfUs, share: busyUs === 0 ? 0 : selfUs / busyUs }));

/**
 * Self time per function and per module, from the samples whose timestamp falls in [fromUs, toUs] (the measured load;
 * startup and shutdown left out). A sample's time is the delta to the next sample.
 */
export const summariseCpuProfile = (profile: CpuProfile, fromUs: number, toUs: number, limit = 25): CpuProfileSummary => {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((child) => [child, n.id] as const)));
  const callerModuleOf = (nodeId: number): string => {
    let id: number | undefined = nodeId;
    let first: string | undefined;
    while (id !== undefined) {
      const frame = frames.get(id);
      const module = frame === undefined ? '(root)' : moduleOf(frame.url, frame.functionName);
      first ??= module;
      if (!isPassThrough(module)) return module === '(root)' ? first : module;
      id = parents.get(id);
    }
    return first ?? '(root)';
  };
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const byCallerModule = new Map<string, number>();
  let at = profile.startTime;
  let windowUs = 0;
  let idleUs = 0;
  profile.samples.forEach((nodeId, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const spent = profile.timeDeltas[i + 1] ?? 0;
    if (at < fromUs || at > toUs) return;
    const frame = frames.get(nodeId);
    if (frame === undefined) return;
    windowUs += spent;
    const module = moduleOf(frame.url, frame.functionName);
    const name = frame.url === '' ? frame.functionName || '(anonymous native)' : `${frame.functionName || '(anonymous)'} ${module}:${frame.lineNumber + 1}`;
    if (frame.functionName === IDLE) idleUs += spent;
    byFunction.set(name, (byFunction.get(name) ?? 0) + spent);
    byModule.set(module, (byModule.get(module) ?? 0) + spent);
    const caller = callerModuleOf(nodeId);
    byCallerModule.set(caller, (byCallerModule.get(caller) ?? 0) + spent);
  });
  const busyUs = windowUs - idleUs;
  return {
    windowUs,
    busyUs,
    byFunction: top(byFunction, busyUs, limit),
    byModule: top(byModule, busyUs, limit),
    byCallerModule: top(byCallerModule, busyUs, limit),
  };
};

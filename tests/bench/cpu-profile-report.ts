import type { CpuProfileRun } from './cpu-profile-run';
import type { CostLine } from './cpu-profile-summary';
import type { LoadSettings } from './load-generator';

/** The `--profile` report: where the app's CPU goes per cached read, by caller package, module and function. */
export const formatCpuProfileReport = (run: CpuProfileRun, load: LoadSettings): string => {
  const perRequest = (us: number) => (us / run.requests).toFixed(1);
  const table = (title: string, column: string, lines: ReadonlyArray<CostLine>): ReadonlyArray<string> => [
    '',
    title,
    '',
    `| ${column} | self ms | share of busy | µs per request |`,
    '| --- | --- | --- | --- |',
    ...lines.map((l) => `| ${l.name} | ${(l.selfUs / 1000).toFixed(0)} | ${(l.share * 100).toFixed(1)}% | ${perRequest(l.selfUs)} |`),
  ];
  return [
    `## CPU profile of the cached portfolio read, Node ${run.node}`,
    '',
    `${run.load.tool}, ${load.connections} connections, ${load.durationSeconds} s: ${Math.round(run.load.requestsPerSecond)} req/s under the profiler, ` +
      `${run.requests} requests; busy ${(run.summary.busyUs / 1000).toFixed(0)} ms of ${(run.summary.windowUs / 1000).toFixed(0)} ms ` +
      `(${perRequest(run.summary.busyUs)} µs CPU per request). Profile: ${run.profileFile}`,
    ...table('Charged to the nearest package or app file up the stack (node internals and native calls count for their caller):', 'caller', run.summary.byCallerModule),
    ...table('Self time by module:', 'module', run.summary.byModule),
    ...table('Self time by function:', 'function', run.summary.byFunction),
  ].join('\n');
};

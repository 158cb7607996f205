import { spawn } from 'node:child_process';

/**
 * Runs a healthcheck given in exec form (["node", "-e", script] as in a Dockerfile HEALTHCHECK or a
 * compose healthcheck after "CMD") with PORT set, and resolves with its exit code.
 */
export const runNodeHealthcheck = (argv: ReadonlyArray<string>, port: number): Promise<number | null> => {
  const [command, ...args] = argv;
  if (command !== 'node') throw new Error(`expected a node healthcheck, got ${JSON.stringify(argv)}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
};

import { spawn } from 'node:child_process';
import path from 'node:path';
import { HARDHAT_CONFIG_PATH, type HardhatNodeConfig, type HardhatNodeHandle } from './hardhat-node-config';

const READY_LINE = /Started HTTP and WebSocket JSON-RPC server at http:\/\/([\d.]+):(\d+)\//;
const BOOT_TIMEOUT_MS = 30_000;
const EXIT_GRACE_MS = 3_000;

/**
 * `hardhat node --config tests/support/devnet/hardhat.config.js` in a child process: slower to boot than
 * the in-process devnet, but the EVM gets its own event loop (useful for benchmarks) and `stop` is a real kill.
 */
export const startHardhatChildProcess = async (config: HardhatNodeConfig): Promise<HardhatNodeHandle> => {
  const cli = require.resolve('hardhat/internal/cli/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'node', '--config', HARDHAT_CONFIG_PATH, '--hostname', '127.0.0.1', '--port', String(config.port)],
    {
      cwd: path.dirname(HARDHAT_CONFIG_PATH),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
        DEVNET_CHAIN_ID: String(config.chainId),
        DEVNET_HARDFORK: config.hardfork,
        DEVNET_BLOCK_GAS_LIMIT: String(config.blockGasLimit),
        DEVNET_ACCOUNT_BALANCE: config.accountBalance.toString(),
        DEVNET_PRIVATE_KEYS: config.privateKeys.join(','),
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hardhat node did not start in ${BOOT_TIMEOUT_MS} ms:\n${output}`)), BOOT_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match?.[2] !== undefined) {
        clearTimeout(timer);
        resolve(Number(match[2]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hardhat node exited with code ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  // Keep draining the pipes so the child never blocks on a full buffer.
  child.stdout.resume();
  child.stderr.resume();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }
      child.stdout.destroy();
      child.stderr.destroy();
    })();
    return stopping;
  };

  return { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, stop };
};

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HardhatUserConfig } from 'hardhat/types';
import { resolveConfig } from 'hardhat/internal/core/config/config-resolution';
import { createProvider } from 'hardhat/internal/core/providers/construction';
import { JsonRpcHandler } from 'hardhat/internal/hardhat-network/jsonrpc/handler';
import { WebSocketServer } from 'ws';
import { withGethStyleReverts } from './geth-style-reverts';
import { HARDHAT_CONFIG_PATH, type HardhatNodeConfig, type HardhatNodeHandle } from './hardhat-node-config';

const toUserConfig = (config: HardhatNodeConfig): HardhatUserConfig => ({
  networks: {
    hardhat: {
      chainId: config.chainId,
      hardfork: config.hardfork,
      blockGasLimit: config.blockGasLimit,
      mining: { auto: true, interval: 0 },
      // Like a real node: a reverting transaction is mined with status 0 instead of failing eth_sendRawTransaction.
      throwOnTransactionFailures: false,
      throwOnCallFailures: true,
      loggingEnabled: false,
      // Explicit keys instead of the mnemonic: HD derivation of 20 accounts costs more than the whole boot.
      accounts: config.privateKeys.map((privateKey) => ({ privateKey, balance: config.accountBalance.toString() })),
    },
  },
});

const closeServer = (server: http.Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));

/**
 * Hardhat Network (EDR) in this process, served over HTTP and WebSocket by Hardhat's own JSON-RPC
 * handler on 127.0.0.1 — the same stack as `hardhat node`, without the CLI's boot time.
 * The HTTP server is ours (not Hardhat's JsonRpcServer) so `stop` can drop keep-alive connections at once.
 */
export const startHardhatInProcess = async (config: HardhatNodeConfig): Promise<HardhatNodeHandle> => {
  const provider = await createProvider(resolveConfig(HARDHAT_CONFIG_PATH, toUserConfig(config)), 'hardhat', undefined, [
    withGethStyleReverts,
  ]);
  const handler = new JsonRpcHandler(provider);
  const server = http.createServer();
  const wsServer = new WebSocketServer({ server });
  server.on('request', (req, res) => void handler.handleHttp(req, res));
  wsServer.on('connection', (socket) => void handler.handleWs(socket));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      wsServer.clients.forEach((client) => client.terminate());
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const closed = closeServer(server);
      server.closeAllConnections();
      await closed;
    })();
    return stopping;
  };

  return { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, stop };
};

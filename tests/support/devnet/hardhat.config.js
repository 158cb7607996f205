// Hardhat config for the child-process devnet: `hardhat node --config tests/support/devnet/hardhat.config.js`.
// start-devnet.ts passes its options through DEVNET_* variables; the in-process devnet builds the same
// network config in TypeScript (start-hardhat-in-process.ts) and only uses this file's path.
const { extendProvider } = require('hardhat/config');
const { withGethStyleReverts } = require('./geth-style-reverts');

extendProvider(withGethStyleReverts);

const env = process.env;
const privateKeys = (env.DEVNET_PRIVATE_KEYS || '').split(',').filter((key) => key !== '');

module.exports = {
  networks: {
    hardhat: {
      chainId: Number(env.DEVNET_CHAIN_ID || 1329),
      hardfork: env.DEVNET_HARDFORK || 'cancun',
      blockGasLimit: Number(env.DEVNET_BLOCK_GAS_LIMIT || 60000000),
      mining: { auto: true, interval: 0 },
      // Like a real node: a reverting transaction is mined with status 0 instead of failing eth_sendRawTransaction.
      throwOnTransactionFailures: false,
      throwOnCallFailures: true,
      loggingEnabled: false,
      ...(privateKeys.length > 0
        ? { accounts: privateKeys.map((privateKey) => ({ privateKey, balance: env.DEVNET_ACCOUNT_BALANCE || '10000000000000000000000' })) }
        : {}),
    },
  },
  // Nothing is compiled or cached by Hardhat itself; keep its folders out of the source tree.
  paths: { cache: require('os').tmpdir() + '/sei-devnet-hardhat-cache', artifacts: require('os').tmpdir() + '/sei-devnet-hardhat-artifacts' },
};

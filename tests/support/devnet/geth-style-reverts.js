// Hardhat answers a reverted eth_call / eth_estimateGas with JSON-RPC code -32603 (internal error). geth and Sei
// answer code 3, "execution reverted[: reason]", with the revert data. viem retries -32603 three times with
// backoff (about a second per revert, and four calls counted instead of one), so the devnet answers like geth.
// Plain JavaScript because hardhat.config.js (the child-process devnet) loads it too.
const { Buffer } = require('node:buffer');
const { ProviderError } = require('hardhat/internal/core/providers/errors');
const { ProviderWrapper } = require('hardhat/internal/core/providers/wrapper');

const EXECUTION_REVERTED = 3;
const ERROR_STRING_SELECTOR = '0x08c379a0';

// Error(string) revert data: selector, offset word, length word, bytes.
const decodeReason = (data) => {
  if (!data.startsWith(ERROR_STRING_SELECTOR) || data.length < 10 + 128) return undefined;
  const length = Number.parseInt(data.slice(10 + 64, 10 + 128), 16);
  const bytes = data.slice(10 + 128, 10 + 128 + length * 2);
  return bytes.length === length * 2 ? Buffer.from(bytes, 'hex').toString('utf8') : undefined;
};

const isRevert = (error) =>
  error instanceof Error &&
  !ProviderError.isProviderError(error) &&
  typeof error.data === 'string' &&
  error.data.startsWith('0x') &&
  /revert/i.test(error.message);

class GethStyleRevertsProvider extends ProviderWrapper {
  async request(args) {
    try {
      return await this._wrappedProvider.request(args);
    } catch (error) {
      if (!isRevert(error)) throw error;
      const reason = decodeReason(error.data);
      const gethError = new ProviderError(reason === undefined ? 'execution reverted' : `execution reverted: ${reason}`, EXECUTION_REVERTED, error);
      gethError.data = error.data;
      throw gethError;
    }
  }
}

/** A Hardhat provider extender (see extendProvider) that reports reverts as geth does. */
const withGethStyleReverts = (provider) => new GethStyleRevertsProvider(provider);

module.exports = { withGethStyleReverts };

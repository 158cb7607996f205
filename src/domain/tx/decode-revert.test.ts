import { encodeErrorResult, parseAbi, type Hex } from 'viem';
import { decodeRevert } from './decode-revert';

// Revert data captured on the devnet (tests/support/sei-defi: the real Aave v3, SwapRouter02, WETH9, TestToken) through
// the engine's chain port, with the node's message beside it.
const CAPTURED = {
  /** Pool.borrow of 1,000,000 USDC against a few thousand dollars of collateral. */
  aaveCollateralCannotCoverBorrow: {
    data: '0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000023336000000000000000000000000000000000000000000000000000000000000',
    message: 'execution reverted: 36',
  },
  /** Pool.withdraw of all the WSEI collateral of a wallet with debt. */
  aaveHealthFactorBelowOne: {
    data: '0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000023335000000000000000000000000000000000000000000000000000000000000',
    message: 'execution reverted: 35',
  },
  /** Pool.supply of 0. */
  aaveInvalidAmount: {
    data: '0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000023236000000000000000000000000000000000000000000000000000000000000',
    message: 'execution reverted: 26',
  },
  /** SwapRouter02.exactInputSingle of USDC from a wallet holding none. */
  uniswapSafeTransferFromFailed: {
    data: '0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000035354460000000000000000000000000000000000000000000000000000000000',
    message: 'execution reverted: STF',
  },
  /** SwapRouter02.exactInputSingle of 1 SEI into USDC asking for 1,000,000 USDC at least. */
  uniswapTooLittleReceived: {
    data: '0x08c379a000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000013546f6f206c6974746c6520726563656976656400000000000000000000000000',
    message: 'execution reverted: Too little received',
  },
  /** TestToken.transfer from a wallet holding none. */
  tokenBalanceShort: {
    data: '0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000001f54657374546f6b656e3a20696e73756666696369656e742062616c616e636500',
    message: 'execution reverted: TestToken: insufficient balance',
  },
  /** WETH9.withdraw beyond the balance: a bare require, no reason. */
  weth9WithdrawShort: { data: '0x', message: 'execution reverted' },
} as const satisfies Record<string, { data: Hex; message: string }>;

const errorString = (reason: string): Hex => encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: [reason] });

describe('decodeRevert', () => {
  it('Aave 36 (a borrow the collateral cannot cover) is INSUFFICIENT_COLLATERAL, 35 (health factor below 1) HEALTH_FACTOR_TOO_LOW', () => {
    expect(decodeRevert(CAPTURED.aaveCollateralCannotCoverBorrow)).toEqual({ code: 'INSUFFICIENT_COLLATERAL', message: 'Aave error 36: COLLATERAL_CANNOT_COVER_NEW_BORROW' });
    expect(decodeRevert(CAPTURED.aaveHealthFactorBelowOne)).toEqual({ code: 'HEALTH_FACTOR_TOO_LOW', message: 'Aave error 35: HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD' });
  });

  it('any other Aave code is REVERTED with its name', () => {
    expect(decodeRevert(CAPTURED.aaveInvalidAmount)).toEqual({ code: 'REVERTED', message: 'Aave error 26: INVALID_AMOUNT' });
    expect(decodeRevert({ data: errorString('51') })).toEqual({ code: 'REVERTED', message: 'Aave error 51: SUPPLY_CAP_EXCEEDED' });
  });

  it('Uniswap\'s STF and an ERC-20\'s short balance are INSUFFICIENT_BALANCE', () => {
    expect(decodeRevert(CAPTURED.uniswapSafeTransferFromFailed)).toEqual({ code: 'INSUFFICIENT_BALANCE', message: 'STF' });
    expect(decodeRevert(CAPTURED.tokenBalanceShort)).toEqual({ code: 'INSUFFICIENT_BALANCE', message: 'TestToken: insufficient balance' });
    expect(decodeRevert({ data: errorString('ERC20: transfer amount exceeds balance') }).code).toBe('INSUFFICIENT_BALANCE');
    const ozV5 = encodeErrorResult({
      abi: parseAbi(['error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)']),
      errorName: 'ERC20InsufficientBalance',
      args: ['0x0000000000000000000000000000000000000001', 1n, 2n],
    });
    expect(decodeRevert({ data: ozV5 }).code).toBe('INSUFFICIENT_BALANCE');
  });

  it('Uniswap\'s slippage checks are SLIPPAGE', () => {
    expect(decodeRevert(CAPTURED.uniswapTooLittleReceived)).toEqual({ code: 'SLIPPAGE', message: 'Too little received' });
    for (const reason of ['Too little received', 'Too much requested', 'Price slippage check', 'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT']) {
      expect(decodeRevert({ data: errorString(reason) })).toEqual({ code: 'SLIPPAGE', message: reason });
    }
  });

  it('the node refusing to send more SEI than held is INSUFFICIENT_BALANCE (geth/Sei and Hardhat wording)', () => {
    expect(decodeRevert({ message: 'insufficient funds for gas * price + value: address 0x… have 1 want 2' }).code).toBe('INSUFFICIENT_BALANCE');
    expect(decodeRevert({ message: "sender doesn't have enough funds to send tx" }).code).toBe('INSUFFICIENT_BALANCE');
  });

  it('a bare revert, a panic or an unknown custom error is REVERTED with what can be said', () => {
    expect(decodeRevert(CAPTURED.weth9WithdrawShort)).toEqual({ code: 'REVERTED', message: 'reverted without a reason' });
    const panic = encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x11n] });
    expect(decodeRevert({ data: panic })).toEqual({ code: 'REVERTED', message: 'reverted: panic 0x11' });
    expect(decodeRevert({ data: '0xdeadbeef' })).toEqual({ code: 'REVERTED', message: 'reverted: custom error 0xdeadbeef' });
  });

  it('a reason string from the chain is untrusted: control characters stripped, length bounded', () => {
    const { code, message } = decodeRevert({ data: errorString(`bad\u0000\u202e thing ${'x'.repeat(500)}`) });
    expect(code).toBe('REVERTED');
    expect(message.startsWith('bad thing xxx')).toBe(true);
    expect(message.length).toBe(200);
  });
});

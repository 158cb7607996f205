import { encodeErrorResult, parseAbi } from 'viem';
import { decodeRevert } from '../decode-revert';

const errorAbi = parseAbi(['error Error(string reason)']);
const revertWith = (reason: string) => ({ data: encodeErrorResult({ abi: errorAbi, errorName: 'Error', args: [reason] }) });

describe('the reverts a DragonSwap swap can hit, as API.md names them', () => {
  it.each([
    // SwapRouter02's exactInputSingle / exactInput / swapExactTokensForTokens below amountOutMinimum.
    ['Too little received', 'SLIPPAGE'],
    // unwrapWETH9 below amountMinimum (the swap's own check comes first, but the unwrap checks again).
    ['Insufficient WETH9', 'REVERTED'],
    // TransferHelper.safeTransferFrom of tokenIn failing: the wallet holds less than amountIn.
    ['STF', 'INSUFFICIENT_BALANCE'],
    // A pool's own check when the router pays it short.
    ['IIA', 'REVERTED'],
  ])('"%s" → %s', (reason, code) => {
    expect(decodeRevert(revertWith(reason))).toEqual({ code, message: reason });
  });
});

import { parseAbi } from 'viem';

/** WETH9-style wrapped native coin (WSEI): deposit wraps the value sent, withdraw unwraps. */
export const wrappedNativeAbi = parseAbi(['function deposit() payable', 'function withdraw(uint256 amount)']);

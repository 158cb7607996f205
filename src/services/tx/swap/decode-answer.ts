import { decodeFunctionResult, type Abi, type ContractFunctionName, type ContractFunctionReturnType } from 'viem';
import type { CallAnswer } from './ports';

/** A call's decoded result, or undefined when it reverted or answered something that is not its ABI's output. */
export const decodeAnswer = <const abi extends Abi, functionName extends ContractFunctionName<abi>>(
  abi: abi,
  functionName: functionName,
  answer: CallAnswer,
): ContractFunctionReturnType<abi, 'nonpayable' | 'payable' | 'pure' | 'view', functionName> | undefined => {
  if (answer === undefined || answer === '0x') return undefined;
  try {
    // Decoded against the widened ABI (viem cannot narrow its parameters for a generic one); the result is the function's outputs.
    const anyAbi: Abi = abi;
    const name: string = functionName;
    const decoded: unknown = decodeFunctionResult({ abi: anyAbi, functionName: name, data: answer });
    return decoded as ContractFunctionReturnType<abi, 'nonpayable' | 'payable' | 'pure' | 'view', functionName>;
  } catch {
    return undefined;
  }
};

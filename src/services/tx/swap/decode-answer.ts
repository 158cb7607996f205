import { decodeFunctionResult, type Abi, type ContractFunctionName, type ContractFunctionReturnType, type DecodeFunctionResultParameters } from 'viem';
import type { CallAnswer } from './ports';

/** A call's decoded result, or undefined when it reverted or answered something that is not its ABI's output. */
export const decodeAnswer = <const abi extends Abi, functionName extends ContractFunctionName<abi>>(
  abi: abi,
  functionName: functionName,
  answer: CallAnswer,
): ContractFunctionReturnType<abi, 'nonpayable' | 'payable' | 'pure' | 'view', functionName> | undefined => {
  if (answer === undefined || answer === '0x') return undefined;
  try {
    return decodeFunctionResult({ abi, functionName, data: answer } as DecodeFunctionResultParameters) as ContractFunctionReturnType<
      abi,
      'nonpayable' | 'payable' | 'pure' | 'view',
      functionName
    >;
  } catch {
    return undefined;
  }
};

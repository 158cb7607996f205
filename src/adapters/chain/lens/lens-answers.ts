import {
  BaseError,
  concat,
  decodeErrorResult,
  decodeFunctionResult,
  encodeFunctionData,
  getContractError,
  keccak256,
  RawContractError,
  toFunctionSelector,
  type Address,
  type Hex,
} from 'viem';
import type { ContractRead, ReadResult } from '../read-plan';
import { portfolioLensAbi } from './portfolio-lens-artifact';

/** One read the lens made (or computed), keyed as `lensReadKey` keys it. */
export interface LensAnswer {
  readonly success: boolean;
  readonly returnData: Hex;
}

/** Everything one lens run answered, at one block. */
export interface LensAnswers {
  readonly blockNumber: bigint;
  readonly byKey: ReadonlyMap<Hex, LensAnswer>;
}

/** The key of a read in the lens's answers: keccak256(target ++ calldata), as PortfolioLens keys them. */
export const lensReadKey = (target: Address, callData: Hex): Hex => keccak256(concat([target, callData]));

/** The first 4 bytes of the lens's revert data when it carries the answers. */
export const LENS_ANSWERS_SELECTOR = toFunctionSelector('PortfolioLensAnswers(uint256,bytes32[],bool[],bytes[])');

/**
 * The answers in the lens's revert data (error PortfolioLensAnswers), or undefined when the data is anything else
 * (another revert, or garbage): the caller then does not trust the lens for this read.
 */
export const decodeLensAnswers = (revertData: Hex): LensAnswers | undefined => {
  let decoded: ReturnType<typeof decodeErrorResult<typeof portfolioLensAbi>>;
  try {
    decoded = decodeErrorResult({ abi: portfolioLensAbi, data: revertData });
  } catch {
    return undefined;
  }
  if (decoded.errorName !== 'PortfolioLensAnswers') return undefined;
  const [blockNumber, keys, successes, returnData] = decoded.args;
  if (keys.length !== successes.length || keys.length !== returnData.length) return undefined;
  const byKey = new Map<Hex, LensAnswer>();
  keys.forEach((key, i) => byKey.set(key.toLowerCase() as Hex, { success: successes[i] === true, returnData: returnData[i] ?? '0x' }));
  return { blockNumber, byKey };
};

/**
 * The answer to one of a plan's reads, exactly as the round engine's multicall would have handed it to the plan
 * (viem's aggregate3 decoding: the decoded value, or the same contract error); undefined when the lens did not make
 * that read.
 */
export const answerRead =
  (answers: LensAnswers) =>
  (read: ContractRead): ReadResult | undefined => {
    const args = read.args ?? [];
    const callData = encodeFunctionData({ abi: read.abi, functionName: read.functionName, args });
    const answer = answers.byKey.get(lensReadKey(read.address, callData));
    if (answer === undefined) return undefined;
    try {
      if (!answer.success) throw new RawContractError({ data: answer.returnData });
      return { ok: true, value: decodeFunctionResult({ abi: read.abi, functionName: read.functionName, args, data: answer.returnData }) };
    } catch (cause) {
      const error = getContractError(cause instanceof BaseError ? cause : new BaseError(String(cause)), {
        abi: read.abi,
        address: read.address,
        args,
        docsPath: '/docs/contract/multicall',
        functionName: read.functionName,
      });
      return { ok: false, error };
    }
  };

import {
  BaseError,
  bytesToBigInt,
  bytesToHex,
  concat,
  decodeFunctionResult,
  encodeFunctionData,
  getContractError,
  hexToBytes,
  isHex,
  keccak256,
  RawContractError,
  type Address,
  type Hex,
} from 'viem';
import type { ContractRead, ReadResult } from '../read-plan';

/** One read the lens made (or computed), keyed by `lensReadKey`. */
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

/** The first 4 bytes of the lens's answers ("PLNS"), returned or reverted with. */
export const LENS_ANSWERS_MAGIC: Hex = '0x504c4e53';

const KEY_BYTES = 32;
const ENTRY_HEADER_BYTES = KEY_BYTES + 1 + 4;
const HEADER_BYTES = 4 + 32;

/**
 * The answers packed by PortfolioLens._pack ("PLNS", block number, then per answer: key, success byte, 4-byte length,
 * return data), or undefined when the data is anything else: the caller then does not trust the lens for this read.
 */
export const decodeLensAnswers = (data: Hex): LensAnswers | undefined => {
  if (!isHex(data, { strict: true }) || !data.toLowerCase().startsWith(LENS_ANSWERS_MAGIC)) return undefined;
  const bytes = hexToBytes(data);
  if (bytes.length < HEADER_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byKey = new Map<Hex, LensAnswer>();
  let at = HEADER_BYTES;
  while (at < bytes.length) {
    if (at + ENTRY_HEADER_BYTES > bytes.length) return undefined;
    const success = bytes[at + KEY_BYTES];
    const length = view.getUint32(at + KEY_BYTES + 1);
    const end = at + ENTRY_HEADER_BYTES + length;
    if ((success !== 0 && success !== 1) || end > bytes.length) return undefined;
    byKey.set(bytesToHex(bytes.subarray(at, at + KEY_BYTES)), { success: success === 1, returnData: bytesToHex(bytes.subarray(at + ENTRY_HEADER_BYTES, end)) });
    at = end;
  }
  return { blockNumber: bytesToBigInt(bytes.subarray(4, HEADER_BYTES)), byKey };
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

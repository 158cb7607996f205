import { BaseError, type Hex } from 'viem';
import { isOutage, isRevert, revertDataOf } from '../rpc-errors';
import type { SeiClient } from '../make-sei-client';
import { decodeLensAnswers, LENS_ANSWERS_MAGIC, type LensAnswers } from './lens-answers';

/** Why a lens answer cannot be used, though the RPC is up: the rounds can still read the wallet. */
export type LensUnusable =
  /** The RPC answered the call with an error of its own: it does not run code-only calls (no `to`). */
  | 'refused'
  /** The lens ran and reverted without its answers (out of gas, a panic). */
  | 'reverted'
  /** The RPC answered something that is not the lens's answers. */
  | 'garbage';

export type LensCallResult =
  | { readonly kind: 'answered'; readonly answers: LensAnswers }
  | { readonly kind: 'unusable'; readonly why: LensUnusable; readonly detail: string }
  /** The RPC could not be reached (HTTP 5xx, 429, network, timeout): the rounds would fail too. */
  | { readonly kind: 'unreachable'; readonly cause: unknown };

const firstLine = (error: unknown): string => {
  const text = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 200);
};

const answeredOrGarbage = (data: Hex): LensCallResult => {
  const answers = decodeLensAnswers(data);
  return answers === undefined ? { kind: 'unusable', why: 'garbage', detail: `${data.slice(0, 20)}… is not the lens's answers` } : { kind: 'answered', answers };
};

/** Classifies the failure of the lens's eth_call: the answers may come as revert data (when they outgrow a contract). */
export const classifyLensError = (error: unknown): LensCallResult => {
  if (!(error instanceof BaseError)) return { kind: 'unusable', why: 'refused', detail: firstLine(error) };
  const data = revertDataOf(error);
  if (data !== undefined && data.toLowerCase().startsWith(LENS_ANSWERS_MAGIC)) return answeredOrGarbage(data);
  if (isOutage(error)) return { kind: 'unreachable', cause: error };
  if (data !== undefined || isRevert(error)) return { kind: 'unusable', why: 'reverted', detail: firstLine(error) };
  return { kind: 'unusable', why: 'refused', detail: firstLine(error) };
};

/**
 * Runs the lens: an eth_call without `to` at the latest block. Its creation code returns the answers as the code of
 * the contract it would deploy when they fit (24,576 bytes), else reverts with them.
 */
export const callPortfolioLens = async (client: SeiClient, data: Hex): Promise<LensCallResult> => {
  try {
    const returned = await client.call({ data, blockTag: 'latest' });
    return answeredOrGarbage(returned.data ?? '0x');
  } catch (error) {
    return classifyLensError(error);
  }
};

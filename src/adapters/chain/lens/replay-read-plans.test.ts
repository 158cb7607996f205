import * as E from 'fp-ts/Either';
import { erc20Abi, getAddress } from 'viem';
import { makeSilentLogger } from '../../../infra/logging/logger';
import { done, readThen, type ContractRead, type ReadPlan, type ReadResult, type ReadStep } from '../read-plan';
import { replayReadPlans } from './replay-read-plans';

const token = getAddress('0x00000000000000000000000000000000000000a1');
const read = (functionName: 'decimals' | 'symbol' | 'name'): ContractRead => ({ address: token, abi: erc20Abi, functionName });
const answers: Record<string, ReadResult> = { decimals: { ok: true, value: 6 }, symbol: { ok: true, value: 'USDX' } };
const answer = (r: ContractRead) => answers[r.functionName];

const twoRounds: ReadPlan<string> = {
  source: 'two',
  start: readThen([read('decimals')], ([d]) => readThen([read('symbol')], ([s]) => done(`${String(d?.ok && d.value)} ${String(s?.ok && s.value)}`))),
};
const throwing: ReadPlan<string> = {
  source: 'throwing',
  start: readThen([read('decimals')], () => {
    throw new Error('bad answer');
  }),
};
const again = (): ReadStep<string> => readThen([read('decimals')], again);
const endless: ReadPlan<string> = { source: 'endless', start: again() };

describe('replayReadPlans', () => {
  it('runs each plan through its rounds on the answers; a throwing or endless plan fails alone', () => {
    const result = replayReadPlans([twoRounds, throwing, endless], answer, makeSilentLogger());
    expect(E.isRight(result) ? result.right.map((o) => [o.source, E.isRight(o.result) ? o.result.right : o.result.left.message]) : result.left).toEqual([
      ['two', '6 USDX'],
      ['throwing', 'bad answer'],
      ['endless', 'too many read rounds'],
    ]);
  });

  it('names the first read without an answer', () => {
    const wantsName: ReadPlan<string> = { source: 'name', start: readThen([read('name')], () => done('never')) };
    expect(replayReadPlans([twoRounds, wantsName], answer, makeSilentLogger())).toEqual(E.left({ source: 'name', read: read('name') }));
  });
});

import { getAddress, maxUint256 } from 'viem';
import type { ReadResult, ReadStep } from '../../chain/read-plan';
import type { PositionsRead } from '../protocol-reader';
import { makeAaveV3Reader } from './make-aave-v3-reader';

const pool = getAddress('0x4a4d9abD36F923cBA0Af62A39C01dEC2944fb638');
const dataProvider = getAddress('0x60c82A40C57736a9c692C42e87A8849Fb407F0d6');
const wallet = getAddress('0x00000000000000000000000000000000000000f1');
const assetA = getAddress('0x00000000000000000000000000000000000000a1');
const assetB = getAddress('0x00000000000000000000000000000000000000b2');
const RAY = 10n ** 27n;

const ok = (value: unknown): ReadResult => ({ ok: true, value });
const failed: ReadResult = { ok: false, error: new Error('execution reverted') };

const accountData = (debt: bigint, hf: bigint) => ok([10n ** 12n, debt, 0n, 8000n, 7500n, hf]);
const reservesList = ok([
  { symbol: 'AAA', tokenAddress: assetA },
  { symbol: 'BBB', tokenAddress: assetB },
]);
const userReserve = (aToken: bigint, variableDebt: bigint) => ok([aToken, 0n, variableDebt, 0n, variableDebt, 0n, RAY / 50n, 0, true]);
const reserveData = ok([0n, 0n, 0n, 0n, 0n, RAY / 50n, RAY / 20n, 0n, 0n, RAY, RAY, 1_700_000_000]);
const configuration = ok([18n, 7500n, 8000n, 10500n, 1000n, true, true, false, true, false]);
const perReserve = (aToken: bigint, debt: bigint): ReadonlyArray<ReadResult> => [userReserve(aToken, debt), reserveData, configuration];

type Round = { readonly calls: ReadonlyArray<string>; readonly answer: ReadonlyArray<ReadResult> };

/** Runs a plan against canned answers, one per round; returns the calls made per round and the result, or throws the plan's failure. */
const drive = (step: ReadStep<PositionsRead>, answers: ReadonlyArray<(calls: ReadonlyArray<string>) => ReadonlyArray<ReadResult>>) => {
  const rounds: Round[] = [];
  let current = step;
  for (const answerFor of answers) {
    if ('done' in current) break;
    if ('failed' in current) throw current.failed;
    const calls = current.reads.map((r) => `${r.address === pool ? 'pool' : r.address === dataProvider ? 'dp' : r.address}.${r.functionName}`);
    const answer = answerFor(calls);
    rounds.push({ calls, answer });
    current = current.next(answer);
  }
  if ('failed' in current) throw current.failed;
  if (!('done' in current)) throw new Error('plan wants more rounds');
  return { rounds: rounds.map((r) => r.calls), result: current.done };
};

const makeReader = (now: () => number = () => 0) =>
  makeAaveV3Reader({ addresses: { pool, protocolDataProvider: dataProvider }, knownToken: () => undefined, platform: 'Yei Finance', now });

const perReserveCalls = ['dp.getUserReserveData', 'dp.getReserveData', 'dp.getReserveConfigurationData'];

describe('makeAaveV3Reader plan', () => {
  it('cold: account data and the reserve list, then the per-reserve reads; warm: all of it in one round', () => {
    const reader = makeReader();
    const cold = drive(reader.plan(wallet).start, [
      () => [accountData(10n ** 8n, 2n * 10n ** 18n), reservesList],
      () => [...perReserve(5n * 10n ** 18n, 0n), ...perReserve(0n, 10n ** 18n)],
    ]);
    expect(cold.rounds).toEqual([['pool.getUserAccountData', 'dp.getAllReservesTokens'], [...perReserveCalls, ...perReserveCalls]]);
    expect(cold.result.lending.map((p) => [p.id, p.amountFormatted])).toEqual([
      [`yei:supply:${assetA}`, '5'],
      [`yei:borrow:${assetB}`, '1'],
    ]);
    expect(cold.result.healthFactor).toBe(2);

    const warm = drive(reader.plan(wallet).start, [() => [accountData(10n ** 8n, 2n * 10n ** 18n), ...perReserve(5n * 10n ** 18n, 0n), ...perReserve(0n, 10n ** 18n)]]);
    expect(warm.rounds).toEqual([['pool.getUserAccountData', ...perReserveCalls, ...perReserveCalls]]);
    expect(warm.result).toEqual(cold.result);
  });

  it('reads the list again after ten minutes', () => {
    let clock = 1_000;
    const reader = makeReader(() => clock);
    const coldAnswers = [() => [accountData(0n, maxUint256), reservesList], () => [...perReserve(0n, 0n), ...perReserve(0n, 0n)]];
    drive(reader.plan(wallet).start, coldAnswers);
    clock += 10 * 60 * 1000 - 1;
    expect(drive(reader.plan(wallet).start, [() => [accountData(0n, maxUint256), ...perReserve(0n, 0n), ...perReserve(0n, 0n)]]).rounds).toHaveLength(1);
    clock += 1;
    expect(drive(reader.plan(wallet).start, coldAnswers).rounds).toHaveLength(2);
  });

  it('gives a null health factor without debt, even when the pool’s sentinel is not uint256 max', () => {
    const { result } = drive(makeReader().plan(wallet).start, [() => [accountData(0n, 10n ** 30n), reservesList], () => [...perReserve(1n, 0n), ...perReserve(0n, 0n)]]);
    expect(result.healthFactor).toBeNull();
  });

  it('keeps the other reserves when one cannot be read, with a warning naming it', () => {
    const { result } = drive(makeReader().plan(wallet).start, [
      () => [accountData(0n, maxUint256), reservesList],
      () => [failed, reserveData, configuration, ...perReserve(7n * 10n ** 18n, 0n)],
    ]);
    expect(result.lending.map((p) => p.id)).toEqual([`yei:supply:${assetB}`]);
    expect(result.warnings).toEqual([{ source: 'yei:AAA', message: 'Yei Finance reserve AAA could not be read (getUserReserveData failed: execution reverted)' }]);
  });

  it('fails when the pool does not answer, naming the pool', () => {
    expect(() => drive(makeReader().plan(wallet).start, [() => [failed, reservesList]])).toThrow(
      `Yei Finance Pool.getUserAccountData at ${pool} failed: execution reverted`,
    );
  });

  it('fails when the data provider answers no reserve read, and forgets the list', () => {
    const reader = makeReader();
    const broken = () => [failed, failed, failed, failed, failed, failed];
    expect(() => drive(reader.plan(wallet).start, [() => [accountData(0n, maxUint256), reservesList], broken])).toThrow(
      `Yei Finance ProtocolDataProvider at ${dataProvider} answered none of its 2 reserves' reads`,
    );
    const calls: string[][] = [];
    drive(reader.plan(wallet).start, [
      (c) => {
        calls.push([...c]);
        return [accountData(0n, maxUint256), reservesList];
      },
      () => [...perReserve(0n, 0n), ...perReserve(0n, 0n)],
    ]);
    expect(calls[0]).toEqual(['pool.getUserAccountData', 'dp.getAllReservesTokens']);
  });

  it('is done after one round for a market without reserves', () => {
    const { rounds, result } = drive(makeReader().plan(wallet).start, [() => [accountData(0n, maxUint256), ok([])]]);
    expect(rounds).toHaveLength(1);
    expect(result).toEqual({ lending: [], liquidity: [], healthFactor: null, warnings: [] });
  });

  it('refuses answers of the wrong shape', () => {
    expect(() => drive(makeReader().plan(wallet).start, [() => [ok([1n, 2n]), reservesList]])).toThrow(
      `Yei Finance Pool.getUserAccountData at ${pool}: unexpected answer (not at least 6 values)`,
    );
    expect(() => drive(makeReader().plan(wallet).start, [() => [accountData(0n, maxUint256), ok([{ symbol: 'X', tokenAddress: 'nope' }])]])).toThrow(
      `Yei Finance ProtocolDataProvider.getAllReservesTokens at ${dataProvider}: unexpected answer (value 0.tokenAddress is not TokenAddress)`,
    );
  });

  it('names itself "yei" by default', () => {
    expect(makeReader().source).toBe('yei');
    expect(makeReader().plan(wallet).source).toBe('yei');
  });
});

import { concat, encodeFunctionData, erc20Abi, getAddress, numberToHex, pad, size, type Hex } from 'viem';
import { answerRead, decodeLensAnswers, LENS_ANSWERS_MAGIC, lensReadKey } from './lens-answers';

const token = getAddress('0x00000000000000000000000000000000000000a1');
const wallet = getAddress('0x00000000000000000000000000000000000000f1');
const balanceOf = { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [wallet] } as const;
const decimals = { address: token, abi: erc20Abi, functionName: 'decimals' } as const;

/** One packed answer, as PortfolioLens._pack writes it. */
const entry = (key: Hex, success: boolean, returnData: Hex): Hex => concat([key, success ? '0x01' : '0x00', numberToHex(size(returnData), { size: 4 }), returnData]);
const packed = (block: bigint, ...entries: ReadonlyArray<Hex>): Hex => concat([LENS_ANSWERS_MAGIC, numberToHex(block, { size: 32 }), ...entries]);

describe('decodeLensAnswers', () => {
  it('reads the block and every answer by its key', () => {
    const key = lensReadKey(token, encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [wallet] }));
    const answers = decodeLensAnswers(packed(77n, entry(key, true, pad('0x05')), entry(`0x${'ab'.repeat(32)}`, false, '0x')));
    expect(answers?.blockNumber).toBe(77n);
    expect([...(answers?.byKey.entries() ?? [])]).toEqual([
      [key, { success: true, returnData: pad('0x05') }],
      [`0x${'ab'.repeat(32)}`, { success: false, returnData: '0x' }],
    ]);
  });

  it('refuses anything else: another prefix, a cut answer, a success byte that is not 0 or 1', () => {
    const good = entry(`0x${'cd'.repeat(32)}`, true, pad('0x01'));
    expect(decodeLensAnswers('0x1234')).toBeUndefined();
    expect(decodeLensAnswers(concat(['0xdeadbeef', numberToHex(1n, { size: 32 }), good]))).toBeUndefined();
    expect(decodeLensAnswers(packed(1n, good).slice(0, -2) as Hex)).toBeUndefined();
    expect(decodeLensAnswers(packed(1n, concat([`0x${'cd'.repeat(32)}`, '0x02', numberToHex(0, { size: 4 })])))).toBeUndefined();
    expect(decodeLensAnswers(packed(1n))).toEqual({ blockNumber: 1n, byKey: new Map() });
  });
});

describe('answerRead', () => {
  const answers = decodeLensAnswers(
    packed(
      1n,
      entry(lensReadKey(token, encodeFunctionData(balanceOf)), true, pad('0x2a')),
      entry(lensReadKey(token, encodeFunctionData(decimals)), true, '0x'),
    ),
  );
  if (answers === undefined) throw new Error('fixture does not decode');

  it('decodes an answer as the multicall would', () => {
    expect(answerRead(answers)(balanceOf)).toEqual({ ok: true, value: 42n });
  });

  it('turns empty data into the multicall’s failure (no contract there)', () => {
    const result = answerRead(answers)(decimals);
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.error instanceof Error ? result.error.name : '').toBe('ContractFunctionExecutionError');
  });

  it('has no answer for a read the lens did not make', () => {
    expect(answerRead(answers)({ ...balanceOf, args: [token] })).toBeUndefined();
  });
});

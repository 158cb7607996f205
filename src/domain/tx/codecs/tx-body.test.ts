import * as E from 'fp-ts/Either';
import { toValidationIssues } from '../../errors/validation-issues';
import { AmountOrMaxCodec, BaseUnitAmount } from './base-unit-amount';
import { DEFAULT_SLIPPAGE_BPS, Percent, SlippageBps, TokenAddressField, TokenIdString } from './tx-body-fields';
import { txBody } from './tx-body';

const SwapLikeBody = txBody({ tokenIn: TokenAddressField, amountIn: BaseUnitAmount }, { slippageBps: SlippageBps });
const issuesOf = (u: unknown) => {
  const result = SwapLikeBody.decode(u);
  return E.isLeft(result) ? toValidationIssues('body', result.left) : [];
};
const USDC = '0xe15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392';

describe('txBody', () => {
  it('decodes the required and optional fields, nothing more', () => {
    expect(SwapLikeBody.decode({ tokenIn: USDC.toLowerCase(), amountIn: '15' })).toEqual(E.right({ tokenIn: USDC, amountIn: 15n }));
    expect(SwapLikeBody.decode({ tokenIn: USDC, amountIn: '15', slippageBps: 0 })).toEqual(E.right({ tokenIn: USDC, amountIn: 15n, slippageBps: 0 }));
  });

  it('refuses wallet and from as the token\'s business, and any other unknown key, each at its own path', () => {
    expect(issuesOf({ tokenIn: USDC, amountIn: '15', wallet: USDC, from: USDC, extra: 1 })).toEqual([
      { path: 'body.wallet', expected: 'no such field: the signed-in wallet (the token) is the one acting' },
      { path: 'body.from', expected: 'no such field: the signed-in wallet (the token) is the one acting' },
      { path: 'body.extra', expected: 'no such field' },
    ]);
  });

  it('reports bad fields at their path, and refuses a body that is not an object', () => {
    expect(issuesOf({ tokenIn: 'usdc', amountIn: 15 }).map((i) => i.path)).toEqual(['body.tokenIn', 'body.amountIn']);
    expect(issuesOf([]).map((i) => i.expected)).toContain('a JSON object');
    expect(issuesOf(null).length > 0).toBe(true);
  });
});

describe('the shared tx fields', () => {
  it('slippageBps: an integer 0–5000 (default 50)', () => {
    expect(DEFAULT_SLIPPAGE_BPS).toBe(50);
    for (const ok of [0, 50, 5000]) expect(SlippageBps.decode(ok)).toEqual(E.right(ok));
    for (const bad of [-1, 5001, 0.5, '50', null]) expect([bad, E.isLeft(SlippageBps.decode(bad))]).toEqual([bad, true]);
  });

  it('percent: an integer 1–100', () => {
    for (const ok of [1, 100]) expect(Percent.decode(ok)).toEqual(E.right(ok));
    for (const bad of [0, 101, 50.5, '50']) expect([bad, E.isLeft(Percent.decode(bad))]).toEqual([bad, true]);
  });

  it('tokenId: a decimal string below 2^256', () => {
    expect(TokenIdString.decode('0')).toEqual(E.right(0n));
    expect(TokenIdString.decode('123456')).toEqual(E.right(123456n));
    for (const bad of [12, '-1', '1.0', '0x1', '007', (2n ** 256n).toString()]) expect([bad, E.isLeft(TokenIdString.decode(bad))]).toEqual([bad, true]);
  });

  it('token address: any single case or a valid checksum, checksummed; a bad checksum or a non-address refused', () => {
    expect(TokenAddressField.decode(USDC.toUpperCase().replace('0X', '0x'))).toEqual(E.right(USDC));
    for (const bad of ['0xE15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392', 'native', '0x1234', 5]) expect([bad, E.isLeft(TokenAddressField.decode(bad))]).toEqual([bad, true]);
  });

  it('"max" where allowed', () => {
    const MaxBody = txBody({ amount: AmountOrMaxCodec }, {});
    expect(MaxBody.decode({ amount: 'max' })).toEqual(E.right({ amount: 'max' }));
  });
});

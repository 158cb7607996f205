import * as E from 'fp-ts/Either';
import { NewAlertBodyCodec, validateNewAlert } from './new-alert';

const TOKEN = '0x3894085Ef7Ff0f0aeDf52E2A2704928d1Ec074F1';
const tokenKeyOf = (input: string): string | undefined => (input === 'native' ? 'native' : input.toLowerCase() === TOKEN.toLowerCase() ? TOKEN : undefined);

const check = (body: unknown) => {
  const decoded = NewAlertBodyCodec.decode(body);
  if (E.isLeft(decoded)) throw new Error('body should decode');
  return validateNewAlert(decoded.right, tokenKeyOf);
};

describe('validateNewAlert', () => {
  it('accepts a price alert on a registry token in any letter case, keyed by its checksummed address', () => {
    expect(check({ type: 'price_above', threshold: 0.5, token: TOKEN.toLowerCase() })).toEqual(E.right({ type: 'price_above', threshold: 0.5, token: TOKEN }));
  });

  it('accepts lp_out_of_range without a threshold', () => {
    expect(check({ type: 'lp_out_of_range' })).toEqual(E.right({ type: 'lp_out_of_range', threshold: 0, token: null }));
  });

  it('reports every problem at once, with its path and what was expected', () => {
    expect(check({ type: 'price_below', threshold: -1, token: '0x0000000000000000000000000000000000000001' })).toEqual(
      E.left([
        { path: 'body.threshold', expected: 'USD price above 0' },
        { path: 'body.token', expected: '"native" or the address of a token in GET /api/tokens' },
      ]),
    );
    expect(check({ type: 'health_factor_below', threshold: 1.5, token: 'native' })).toEqual(
      E.left([{ path: 'body.token', expected: 'no token (only price_above and price_below take one)' }]),
    );
    expect(check({ type: 'value_change_pct' })).toEqual(E.left([{ path: 'body.threshold', expected: 'percentage above 0 and at most 1000' }]));
  });

  it('strips keys it does not know, so an owner in the body is never read', () => {
    const decoded = NewAlertBodyCodec.decode({ type: 'health_factor_below', threshold: 1.5, wallet: '0x2222222222222222222222222222222222222222' });
    expect(decoded).toEqual(E.right({ type: 'health_factor_below', threshold: 1.5 }));
  });
});

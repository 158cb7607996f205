import { accountAfterAction } from './account-after-action';
import { accountHealthFactor } from './account-health-factor';
import { healthFactorWadOf, lendingActionLinks } from './lending-action-links';
import { E18, E6, USDC, usdc, WSEI, wsei } from '../../../../tests/support/tx/lending-reserves';


const tokens: Record<string, { symbol: string; decimals: number }> = { [WSEI]: { symbol: 'WSEI', decimals: 18 }, [USDC]: { symbol: 'USDC', decimals: 6 } };
const tokenOf = (a: string) => tokens[a];
const TARGET = healthFactorWadOf(1.5);

describe('lendingActionLinks', () => {
  it('a borrower at HF 1.14 (1000 WSEI against 350 USDC) gets a repay link to HF 1.5 plus 0.1%: 83.599734 USDC', () => {
    const account = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 350n * E6 })];
    const links = lendingActionLinks(account, tokenOf, TARGET);
    // $400 of borrowing power / 1.5015 = 266.400266…: the debt must fall to 266.400266 USDC, a repayment of 83.599734.
    expect(links).toEqual([
      {
        id: 'repay-to-target',
        action: 'Repay 83.599734 USDC on Yei to lift your health factor from 1.14 to 1.50.',
        rationale: 'Your health factor is 1.14, below the 1.50 your profile calls for; liquidation starts at 1.00.',
        expectedImpact: 'Health factor 1.50 after the repayment.',
        prepare: { route: '/api/tx/lending/repay', body: { asset: USDC, amount: '83599734' } },
      },
    ]);
    expect(accountHealthFactor(accountAfterAction(account, { kind: 'repay', asset: USDC, amount: 83_599_734n })) ?? 0n).toBeGreaterThanOrEqual(TARGET);
  });

  it('repays everything ("max") when the debt asset alone cannot reach the target', () => {
    // Collateral $10 × 80% = $8 against $500 of WSEI debt and $6 of USDC: even without the WSEI debt, HF 8 / 6 = 1.33.
    const account = [wsei({ supplied: 20n * E18, isCollateral: true, variableDebt: 1_000n * E18 }), usdc({ variableDebt: 6n * E6 })];
    const [link] = lendingActionLinks(account, tokenOf, TARGET);
    expect(link?.prepare).toEqual({ route: '/api/tx/lending/repay', body: { asset: WSEI, amount: 'max' } });
  });

  it('a borrower at HF 4 (1000 WSEI against 100 USDC) gets a withdraw link down to HF 3 (twice 1.5): 250 WSEI', () => {
    const account = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 100n * E6 })];
    expect(lendingActionLinks(account, tokenOf, TARGET)).toEqual([
      {
        id: 'withdraw-idle-collateral',
        action: 'Withdraw 250 WSEI of idle collateral from Yei.',
        rationale: 'Your health factor is 4.00, more than twice the 1.50 your profile calls for: part of your WSEI collateral backs no debt.',
        expectedImpact: 'Health factor 3.00, still twice the target; the WSEI is yours to use.',
        prepare: { route: '/api/tx/lending/withdraw', body: { asset: WSEI, amount: '250000000000000000000' } },
      },
    ]);
  });

  it('links nothing without debt, between the target and twice it, or for tokens outside the registry', () => {
    expect(lendingActionLinks([wsei({ supplied: E18, isCollateral: true })], tokenOf, TARGET)).toEqual([]);
    expect(lendingActionLinks([wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 200n * E6 })], tokenOf, TARGET)).toEqual([]);
    expect(lendingActionLinks([wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 350n * E6 })], () => undefined, TARGET)).toEqual([]);
  });
});

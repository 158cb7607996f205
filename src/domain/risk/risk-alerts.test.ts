import { riskNotices } from './risk-alerts';

describe('riskNotices', () => {
  it('lists factors at or above one half, worst first, with severity by value', () => {
    expect(
      riskNotices([
        { id: 'leverage', value: 0.2, explanation: 'low' },
        { id: 'liquidation', value: 0.9, explanation: 'Repay debt.' },
        { id: 'concentration', value: 0.5, explanation: 'Diversify.' },
      ]),
    ).toEqual([
      { factor: 'liquidation', severity: 'critical', message: 'Repay debt.' },
      { factor: 'concentration', severity: 'warning', message: 'Diversify.' },
    ]);
  });
});

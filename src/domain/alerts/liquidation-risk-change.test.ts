import { scriptedPortfolio } from '../../../tests/support/scripted-portfolio';
import { liquidationRiskChange } from './liquidation-risk-change';

describe('liquidationRiskChange', () => {
  it('reports a rise into high as a warning with advice, and into critical as critical', () => {
    expect(liquidationRiskChange(scriptedPortfolio({ liquidationRisk: 'high', healthFactor: 1.1 }), scriptedPortfolio({ liquidationRisk: 'medium', healthFactor: 1.2 }))).toEqual({
      type: 'liquidation_risk',
      severity: 'warning',
      message: 'Liquidation risk rose from medium to high (health factor 1.10). Add collateral or repay debt to avoid liquidation.',
      metadata: { from: 'medium', to: 'high', healthFactor: 1.1, previousHealthFactor: 1.2 },
    });
    expect(liquidationRiskChange(scriptedPortfolio({ liquidationRisk: 'critical', healthFactor: 1.01 }), scriptedPortfolio({ liquidationRisk: 'low', healthFactor: 2 }))?.severity).toBe('critical');
  });

  it('reports a fall as info', () => {
    const change = liquidationRiskChange(scriptedPortfolio({ liquidationRisk: 'none', healthFactor: null }), scriptedPortfolio({ liquidationRisk: 'high', healthFactor: 1.1 }));
    expect(change?.severity).toBe('info');
    expect(change?.message).toBe('Liquidation risk fell from high to none (no debt left).');
  });

  it('says nothing without a previous read or when the level did not move', () => {
    expect(liquidationRiskChange(scriptedPortfolio({ liquidationRisk: 'high' }), null)).toBeNull();
    expect(liquidationRiskChange(scriptedPortfolio({ liquidationRisk: 'high', healthFactor: 1.1 }), scriptedPortfolio({ liquidationRisk: 'high', healthFactor: 1.12 }))).toBeNull();
  });
});

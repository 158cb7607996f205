import { readFileSync } from 'node:fs';
import { getAddress, size } from 'viem';
import { portfolioLensCallData } from '../../src/adapters/chain/lens/portfolio-lens-request';
import { portfolioLensSetupOf } from '../../src/adapters/chain/lens/portfolio-lens-setup';
import { seiNetworks } from '../../src/config/sei-networks';
import { MULTICALL3_ADDRESS } from '../support/devnet';
import { PORTFOLIO_LENS_BYTECODE } from '../../src/adapters/chain/lens/portfolio-lens-artifact';
import { compilePortfolioLens, LENS_MODULE_FILE, renderLensModule } from '../support/lens/compile-portfolio-lens';
import { tokenAddress } from '../support/brands';

/** EIP-3860: the most init code a creation (an eth_call without `to` included) may carry. */
const MAX_INITCODE_BYTES = 49_152;

describe('the checked-in PortfolioLens bytecode', () => {
  const compiled = compilePortfolioLens();

  it('is what the pinned solc makes of PortfolioLens.sol, byte for byte (regenerate with npm run build:lens)', () => {
    expect(PORTFOLIO_LENS_BYTECODE).toBe(compiled.bytecode);
    expect(readFileSync(LENS_MODULE_FILE, 'utf8')).toBe(renderLensModule(compiled));
  });

  it('leaves three quarters of the EIP-3860 init code limit to the request', () => {
    expect(size(PORTFOLIO_LENS_BYTECODE)).toBeLessThanOrEqual(MAX_INITCODE_BYTES / 4);
  });

  it('makes a call within the init code limit for the mainnet registry and the most tokens a caller may add', () => {
    const mainnet = seiNetworks.mainnet;
    const setup = portfolioLensSetupOf(mainnet, MULTICALL3_ADDRESS);
    const extra = Array.from({ length: 20 }, (_, i) => ({ unknown: tokenAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`) }));
    const tokens = [...mainnet.tokens.map((known) => ({ known })), ...extra];
    const data = portfolioLensCallData(setup, { wallet: getAddress('0x00000000000000000000000000000000000000f1'), tokens });
    expect(size(data)).toBeLessThan(MAX_INITCODE_BYTES / 2);
  });
});

import { computePoolAddress, poolKeyId, toPoolKey } from './compute-pool-address';

// Golden values: Uniswap v3 on Ethereum mainnet (factory 0x1F98…F984), pools as listed on Etherscan.
const FACTORY = '0x1F98431c8aD98523631AE4a59f267346ea31F984';
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';

describe('computePoolAddress', () => {
  it('gives the deployed USDC/WETH 0.05% and 0.3% pools of Uniswap v3 mainnet', () => {
    expect(computePoolAddress(FACTORY, toPoolKey(USDC, WETH, 500))).toBe('0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640');
    expect(computePoolAddress(FACTORY, toPoolKey(WETH, USDC, 3000))).toBe('0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8');
  });

  it('sorts the tokens, so the order they are given in does not matter', () => {
    expect(toPoolKey(WETH, USDC, 500)).toEqual({ token0: USDC, token1: WETH, fee: 500 });
    expect(poolKeyId(toPoolKey(WETH.toLowerCase() as `0x${string}`, USDC, 500))).toBe(poolKeyId(toPoolKey(USDC, WETH, 500)));
  });

  it('depends on the init code hash (a fork with other pool bytecode has other addresses)', () => {
    const other = computePoolAddress(FACTORY, toPoolKey(USDC, WETH, 500), `0x${'11'.repeat(32)}`);
    expect(other).not.toBe('0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640');
  });
});

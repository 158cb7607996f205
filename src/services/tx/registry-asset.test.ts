import * as E from 'fp-ts/Either';
import { tokenAddress } from '../../../tests/support/brands';
import { registryAsset } from './registry-asset';

const USDC = { address: tokenAddress('0xe15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392'), symbol: 'USDC', name: 'USD Coin', decimals: 6, coingeckoId: 'usd-coin', isStable: true };

describe('registryAsset', () => {
  it('finds a registry token by address in any letter case', async () => {
    expect(await registryAsset({ tokens: [USDC] })('0xE15FC38F6D8C56AF07BBCBE3BAF5708A2BF42392')()).toEqual(E.right(USDC));
  });

  it('refuses any other address with 422 UNKNOWN_ASSET', async () => {
    expect(await registryAsset({ tokens: [USDC] })('0x0000000000000000000000000000000000000001')()).toEqual(
      E.left({ _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET', message: '0x0000000000000000000000000000000000000001 is not a token of the registry' }),
    );
  });
});

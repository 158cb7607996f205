/**
 * Built-in facts about Sei EVM networks: the seed of the default registry.
 * Source: shared/sei/networks.json (Sei docs, viem chains, DefiLlama, token lists).
 * A registry file (CHAIN_CONFIG_FILE) replaces or extends any of it.
 */
import * as E from 'fp-ts/Either';
import type { Address } from 'viem';
import { ChainIdCodec, type ChainId } from '../domain/address/chain-id';
import { parseTokenAddress, type TokenAddress } from '../domain/address/token-address';

export type SeiNetworkName = 'mainnet' | 'testnet';

export interface RegistryToken {
  readonly address: TokenAddress;
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  readonly coingeckoId: string | null;
  readonly isStable: boolean;
}

export interface ProtocolAddresses {
  readonly yei?: { readonly pool: Address; readonly poolAddressesProvider?: Address; readonly protocolDataProvider: Address; readonly oracle?: Address };
  readonly dragonswapV2?: {
    readonly factory: Address;
    readonly nonfungiblePositionManager: Address;
    readonly swapRouter02?: Address;
    readonly quoterV2?: Address;
    readonly poolInitCodeHash?: string;
  };
  readonly dragonswapV1?: { readonly factory: Address; readonly router?: Address; readonly pairs?: ReadonlyArray<Address> };
}

export interface NetworkDefaults {
  readonly chainId: ChainId;
  readonly rpcUrls: ReadonlyArray<string>;
  readonly nativeCoingeckoId: string;
  readonly coingeckoPlatform: string;
  /** The wrapped native coin (WSEI): what wrap/unwrap use and what swaps route through. */
  readonly wrappedNative?: TokenAddress;
  readonly tokens: ReadonlyArray<RegistryToken>;
  readonly protocols: ProtocolAddresses;
}

/** A built-in fact, checked when this module loads: a typo here is a programming error, not an operator's. */
const builtIn = <A>(decoded: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(decoded)) throw new Error(`sei-networks: ${what} is not valid`);
  return decoded.right;
};

const tokenAddress = (address: string): TokenAddress => builtIn(parseTokenAddress(address), address);
const chainId = (id: number): ChainId => builtIn(ChainIdCodec.decode(id), `chain id ${id}`);

const token = (symbol: string, address: string, decimals: number, coingeckoId: string, name: string, isStable = false): RegistryToken => ({
  address: tokenAddress(address),
  symbol,
  name,
  decimals,
  coingeckoId,
  isStable,
});

export const seiNetworks: Readonly<Record<SeiNetworkName, NetworkDefaults>> = {
  mainnet: {
    chainId: chainId(1329),
    rpcUrls: ['https://evm-rpc.sei-apis.com', 'https://sei-evm-rpc.publicnode.com'],
    nativeCoingeckoId: 'sei-network',
    coingeckoPlatform: 'sei-v2',
    wrappedNative: tokenAddress('0xE30feDd158A2e3b13e9badaeABaFc5516e95e8C7'),
    tokens: [
      token('WSEI', '0xE30feDd158A2e3b13e9badaeABaFc5516e95e8C7', 18, 'wrapped-sei', 'Wrapped SEI'),
      token('USDC', '0xe15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392', 6, 'usd-coin', 'USD Coin', true),
      token('USDC.n', '0x3894085Ef7Ff0f0aeDf52E2A2704928d1Ec074F1', 6, 'ibc-bridged-usdc', 'Noble USDC', true),
      token('USDT0', '0x9151434b16b9763660705744891fA906F660EcC5', 6, 'usdt0', 'USDT0', true),
      token('WETH', '0x160345fC359604fC6e70E3c5fAcbdE5F7A9342d8', 18, 'weth', 'Wrapped Ether'),
      token('WBTC', '0x0555E30da8f98308EdB960aa94C0Db47230d2B9c', 8, 'wrapped-bitcoin', 'Wrapped BTC'),
      token('iSEI', '0x5Cf6826140C1C56Ff49C808A1A75407Cd1DF9423', 6, 'silo-staked-sei', 'Silo Staked SEI'),
      token('USDY', '0x54cD901491AeF397084453F4372B93c33260e2A6', 18, 'ondo-us-dollar-yield', 'Ondo US Dollar Yield', true),
      token('SolvBTC', '0x541FD749419CA806a8bc7da8ac23D346f2dF8B77', 18, 'solv-btc', 'Solv BTC'),
    ],
    protocols: {
      yei: {
        pool: '0x4a4d9abD36F923cBA0Af62A39C01dEC2944fb638',
        poolAddressesProvider: '0x5C57266688A4aD1d3aB61209ebcb967B84227642',
        protocolDataProvider: '0x60c82A40C57736a9c692C42e87A8849Fb407F0d6',
        oracle: '0xA1ce28cEbaB91d8dF346D19970E4Ee69A6989734',
      },
      dragonswapV2: {
        factory: '0x179D9a5592Bc77050796F7be28058c51cA575df4',
        nonfungiblePositionManager: '0xa7FDcBe645d6b2B98639EbacbC347e2B575f6F70',
        swapRouter02: '0x11DA6463D6Cb5a03411Dbf5ab6f6bc3997Ac7428',
        quoterV2: '0x38F759cf0Af1D0dcAEd723a3967A3B658738eDe9',
        // From DragonSwap's own v2-periphery PoolAddress.sol; a wrong hash only costs one extra read round per pool
        // (every computed address is checked against factory.getPool in the same round).
        poolInitCodeHash: '0x7eeacb23bdc28add5b4c2a0b30a03d6280208d04ba9baf8f56e87a331cf73590',
      },
      dragonswapV1: {
        factory: '0x71f6b49ae1558357bBb5A6074f1143c46cBcA03d',
        router: '0xa4cF2F53D1195aDDdE9e4D3aCa54f556895712f2',
      },
    },
  },
  testnet: {
    chainId: chainId(1328),
    rpcUrls: ['https://evm-rpc-testnet.sei-apis.com'],
    nativeCoingeckoId: 'sei-network',
    coingeckoPlatform: 'sei-v2',
    tokens: [],
    protocols: {},
  },
};

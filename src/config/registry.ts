import { readFileSync } from 'node:fs';
import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ChainId } from '../domain/address/chain-id';
import { EvmAddressCodec } from '../domain/address/evm-address';
import { TokenAddressCodec, type TokenAddress } from '../domain/address/token-address';
import type { TokenRef } from '../domain/tokens/token-ref';
import type { AppConfig } from './app-config';
import { seiNetworks, type NetworkDefaults, type ProtocolAddresses, type RegistryToken } from './sei-networks';

/** The tokens and protocol addresses in use for this process's chain. */
export interface Registry {
  readonly chainId: ChainId;
  readonly nativeCoingeckoId: string;
  readonly coingeckoPlatform: string;
  /** The wrapped native coin (WSEI), when the network has one: wrap/unwrap and swap routing use it. */
  readonly wrappedNative?: TokenAddress;
  readonly tokens: ReadonlyArray<RegistryToken>;
  readonly protocols: ProtocolAddresses;
}

const TokenEntry = t.intersection([
  t.type({ address: TokenAddressCodec, symbol: t.string, decimals: t.number }),
  t.partial({ name: t.string, coingeckoId: t.union([t.string, t.null]), isStable: t.boolean }),
]);

const RegistryFile = t.partial({
  /** "extend" (default) adds to and overrides the built-in list by address; "replace" uses the file's tokens only. */
  mode: t.union([t.literal('extend'), t.literal('replace')]),
  nativeCoingeckoId: t.string,
  coingeckoPlatform: t.string,
  /** `null` says the network has none. */
  wrappedNative: t.union([t.null, TokenAddressCodec]),
  tokens: t.array(TokenEntry),
  protocols: t.partial({
    yei: t.union([
      t.null,
      t.intersection([t.type({ pool: EvmAddressCodec, protocolDataProvider: EvmAddressCodec }), t.partial({ poolAddressesProvider: EvmAddressCodec, oracle: EvmAddressCodec })]),
    ]),
    dragonswapV2: t.union([
      t.null,
      t.intersection([
        t.type({ factory: EvmAddressCodec, nonfungiblePositionManager: EvmAddressCodec }),
        t.partial({ swapRouter02: EvmAddressCodec, quoterV2: EvmAddressCodec, poolInitCodeHash: t.string }),
      ]),
    ]),
    dragonswapV1: t.union([t.null, t.intersection([t.type({ factory: EvmAddressCodec }), t.partial({ router: EvmAddressCodec, pairs: t.array(EvmAddressCodec) })])]),
  }),
});
type RegistryFile = t.TypeOf<typeof RegistryFile>;

/** What a network brings to its registry before CHAIN_CONFIG_FILE: nothing on a custom network. */
type RegistryDefaults = Pick<NetworkDefaults, 'nativeCoingeckoId' | 'coingeckoPlatform' | 'wrappedNative' | 'tokens' | 'protocols'>;

const EMPTY: RegistryDefaults = { nativeCoingeckoId: 'sei-network', coingeckoPlatform: 'sei-v2', tokens: [], protocols: {} };

const mergeTokens = (base: ReadonlyArray<RegistryToken>, file: RegistryFile): ReadonlyArray<RegistryToken> => {
  const fromFile = (file.tokens ?? []).map(
    (x): RegistryToken => ({
      address: x.address,
      symbol: x.symbol,
      name: x.name ?? x.symbol,
      decimals: x.decimals,
      coingeckoId: x.coingeckoId ?? null,
      isStable: x.isStable ?? false,
    }),
  );
  if (file.mode === 'replace') return fromFile;
  const byAddress = new Map(base.map((tk) => [tk.address.toLowerCase(), tk]));
  for (const tk of fromFile) byAddress.set(tk.address.toLowerCase(), tk);
  return [...byAddress.values()];
};

/** A `null` in the file disables a protocol; an object replaces its addresses. */
const mergeProtocols = (base: ProtocolAddresses, file: RegistryFile): ProtocolAddresses => {
  const p = file.protocols ?? {};
  const pick = <K extends keyof ProtocolAddresses>(key: K): Partial<Pick<ProtocolAddresses, K>> => {
    const value = key in p ? p[key] : base[key];
    return value === null || value === undefined ? {} : ({ [key]: value } as Partial<Pick<ProtocolAddresses, K>>);
  };
  return { ...pick('yei'), ...pick('dragonswapV2'), ...pick('dragonswapV1') };
};

const wrappedNativeOf = (defaults: RegistryDefaults, file: RegistryFile): Pick<Registry, 'wrappedNative'> => {
  const address = file.wrappedNative === undefined ? defaults.wrappedNative : file.wrappedNative;
  return address === null || address === undefined ? {} : { wrappedNative: address };
};

/** The built-in registry of the configured network, extended or replaced by CHAIN_CONFIG_FILE; every problem is an error at boot. */
export const loadRegistry = (chain: AppConfig['chain']): E.Either<string, Registry> => {
  const defaults: RegistryDefaults = chain.network === 'custom' ? EMPTY : seiNetworks[chain.network];
  const file: E.Either<string, RegistryFile> =
    chain.configFile === undefined
      ? E.right({})
      : pipe(
          E.tryCatch(
            () => JSON.parse(readFileSync(chain.configFile ?? '', 'utf8')) as unknown,
            (e) => `CHAIN_CONFIG_FILE ${chain.configFile ?? ''} could not be read: ${e instanceof Error ? e.message : String(e)}`,
          ),
          E.flatMap((json) =>
            pipe(
              RegistryFile.decode(json),
              E.mapLeft((errors) => `CHAIN_CONFIG_FILE is not a valid registry: ${errors.map((e) => e.context.map((c) => c.key).filter(Boolean).join('.')).join(', ')}`),
            ),
          ),
        );
  return pipe(
    file,
    E.map((f) => ({
      chainId: chain.chainId,
      nativeCoingeckoId: f.nativeCoingeckoId ?? defaults.nativeCoingeckoId,
      coingeckoPlatform: f.coingeckoPlatform ?? defaults.coingeckoPlatform,
      ...wrappedNativeOf(defaults, f),
      tokens: mergeTokens(defaults.tokens, f),
      protocols: mergeProtocols(defaults.protocols, f),
    })),
  );
};

/** A registry token as the pricing side sees it. */
export const registryTokenRef = (tk: RegistryToken): TokenRef => ({
  key: tk.address,
  address: tk.address,
  symbol: tk.symbol,
  decimals: tk.decimals,
  coingeckoId: tk.coingeckoId,
});

/** The registry token at `address` (any letter case), if any. */
export const findRegistryToken = (registry: Pick<Registry, 'tokens'>, address: string): RegistryToken | undefined =>
  registry.tokens.find((tk) => tk.address.toLowerCase() === address.toLowerCase());

/** The wrapped native token (WSEI) of the registry: the `wrappedNative` token when set, else the listed WSEI, if any. */
export const findWrappedNative = (registry: Registry): RegistryToken | undefined =>
  registry.wrappedNative === undefined
    ? registry.tokens.find((tk) => tk.coingeckoId === 'wrapped-sei' || tk.symbol === 'WSEI')
    : (findRegistryToken(registry, registry.wrappedNative) ?? {
        address: registry.wrappedNative,
        symbol: 'WSEI',
        name: 'Wrapped SEI',
        decimals: 18,
        coingeckoId: registry.nativeCoingeckoId === 'sei-network' ? 'wrapped-sei' : null,
        isStable: false,
      });

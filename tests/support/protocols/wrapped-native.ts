import { encodeFunctionData, erc20Abi, getAddress, numberToHex, parseAbi, stringToHex, type Address, type Hex } from 'viem';
import { freshAccount, mintTokens, type Devnet, type TestToken, type TestTokenSpec, type TokenMint } from '../devnet';
import { loadAaveV3Artifact } from './aave-v3-artifacts';

/** WETH9: ERC-20 plus deposit (wrap the native coin) and withdraw (unwrap). */
export const wrappedNativeAbi = [
  ...erc20Abi,
  ...parseAbi([
    'function deposit() payable',
    'function withdraw(uint256 amount)',
    'event Deposit(address indexed dst, uint256 wad)',
    'event Withdrawal(address indexed src, uint256 wad)',
  ]),
] as const;

export const WSEI_SPEC: TestTokenSpec = { symbol: 'WSEI', name: 'Wrapped SEI', decimals: 18 };

// WETH9's storage: slot 0 name, slot 1 symbol (Solidity strings, short ones stored inline), slot 2 decimals.
const NAME_SLOT = 0n;
const SYMBOL_SLOT = 1n;

/** A Solidity string of at most 31 bytes as its storage slot holds it: the bytes left-aligned, 2 × length in the last byte. */
const inlineStringSlot = (value: string): Hex => {
  const bytes = stringToHex(value).slice(2);
  if (bytes.length / 2 > 31) throw new Error(`"${value}" is too long to store inline`);
  return `0x${bytes.padEnd(62, '0')}${numberToHex(bytes.length, { size: 1 }).slice(2)}`;
};

/**
 * Deploys the real WETH9 that @aave/core-v3 ships (deposit, withdraw, receive, ERC-20) as the devnet's wrapped native
 * coin, then renames it (WSEI / Wrapped SEI by default) by rewriting its name and symbol storage slots: WETH9 hard-codes
 * "Wrapped Ether" / "WETH" and has no constructor to pass them. Decimals stay 18.
 */
export const deployWrappedNative = async (devnet: Devnet, spec: Pick<TestTokenSpec, 'symbol' | 'name'> = WSEI_SPEC): Promise<TestToken> => {
  const { abi, bytecode } = loadAaveV3Artifact('WETH9');
  const address = await devnet.deployContract(abi, bytecode);
  await devnet.setStorageAt(address, NAME_SLOT, inlineStringSlot(spec.name));
  await devnet.setStorageAt(address, SYMBOL_SLOT, inlineStringSlot(spec.symbol));
  return { address, symbol: spec.symbol, name: spec.name, decimals: 18 };
};

// Fixed gas lets the deposit and the transfers that spend it be mined together (both stay under 70k).
const WRAP_GAS = 100_000n;
const GAS_MONEY = 10n ** 18n;

/**
 * Gives each recipient `amount` of the wrapped native token the way anyone gets it: a fresh funded account deposits the
 * native coin (WETH9.deposit) and transfers the tokens, so totalSupply stays equal to the coins the contract holds.
 */
export const wrapNativeFor = async (devnet: Devnet, wrappedNative: Address, mints: ReadonlyArray<Omit<TokenMint, 'token'>>): Promise<void> => {
  if (mints.length === 0) return;
  const total = mints.reduce((sum, mint) => sum + mint.amount, 0n);
  const wrapper = freshAccount(devnet);
  await devnet.setBalance(wrapper.address, total + GAS_MONEY);
  await devnet.sendTransactionsTogether(
    [
      { to: wrappedNative, value: total, data: encodeFunctionData({ abi: wrappedNativeAbi, functionName: 'deposit' }), gas: WRAP_GAS },
      ...mints.map(({ to, amount }) => ({
        to: wrappedNative,
        data: encodeFunctionData({ abi: wrappedNativeAbi, functionName: 'transfer', args: [to, amount] }),
        gas: WRAP_GAS,
      })),
    ],
    wrapper,
  );
};

/** mintTokens for a set that may include the wrapped native token: that one is wrapped (wrapNativeFor), TestTokens are minted. */
export const mintOrWrapTokens = async (devnet: Devnet, mints: ReadonlyArray<TokenMint>, wrappedNative: Address | undefined): Promise<void> => {
  const isWrapped = (mint: TokenMint) => wrappedNative !== undefined && getAddress(mint.token) === getAddress(wrappedNative);
  await mintTokens(devnet, mints.filter((mint) => !isWrapped(mint)));
  if (wrappedNative !== undefined) await wrapNativeFor(devnet, wrappedNative, mints.filter(isWrapped));
};

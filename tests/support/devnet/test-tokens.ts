import { encodeFunctionData, hexToBigInt, keccak256, numberToHex, parseAbi, type Address, type Hex } from 'viem';
import { loadArtifact } from '../contracts/compile-contracts';
import { deployContractsTogether } from './deploy-contracts-together';
import type { Devnet, DevnetAccount } from './start-devnet';

/** Typed ABI of TestToken (and BrokenToken): ERC-20 plus an open `mint`. */
export const testTokenAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address account) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function mint(address to, uint256 amount)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
]);

export interface TestTokenSpec {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
}

export interface TestToken extends TestTokenSpec {
  readonly address: Address;
}

export interface TokenMint {
  readonly token: Address;
  readonly to: Address;
  /** In the token's smallest unit. */
  readonly amount: bigint;
}

/** Deploys one TestToken per spec, all mined together; returns them in spec order. 40 tokens take well under a second. */
export const deployTestTokens = async (
  devnet: Devnet,
  specs: ReadonlyArray<TestTokenSpec>,
  from?: DevnetAccount,
): Promise<ReadonlyArray<TestToken>> => {
  const { abi, bytecode } = loadArtifact('TestToken');
  const addresses = await deployContractsTogether(
    devnet,
    specs.map((spec) => ({ abi, bytecode, args: [spec.name, spec.symbol, spec.decimals] })),
    from,
  );
  return specs.map((spec, index) => {
    const address = addresses[index];
    if (address === undefined) throw new Error(`no address for token ${spec.symbol}`);
    return { address, symbol: spec.symbol, name: spec.name, decimals: spec.decimals };
  });
};

/** Deploys a BrokenToken: name/symbol/decimals answer normally, balanceOf always reverts. */
export const deployBrokenToken = async (devnet: Devnet, spec: TestTokenSpec): Promise<TestToken> => {
  const { abi, bytecode } = loadArtifact('BrokenToken');
  const address = await devnet.deployContract(abi, bytecode, [spec.name, spec.symbol, spec.decimals]);
  return { ...spec, address };
};

/** Mints every entry (TestToken.mint is open to anyone), all mined together. */
export const mintTokens = async (devnet: Devnet, mints: ReadonlyArray<TokenMint>, from?: DevnetAccount): Promise<void> => {
  await devnet.sendTransactionsTogether(
    mints.map(({ token, to, amount }) => ({
      to: token,
      data: encodeFunctionData({ abi: testTokenAbi, functionName: 'mint', args: [to, amount] }),
    })),
    from,
  );
};

const readSlot = async (devnet: Devnet, address: Address, slot: bigint): Promise<Hex> => {
  const value = await devnet.publicClient.getStorageAt({ address, slot: numberToHex(slot, { size: 32 }) });
  return value ?? numberToHex(0, { size: 32 });
};

// A Solidity string slot holds short strings inline (lowest bit 0) or 2*length+1 with data at keccak256(slot).
const copyStringSlot = async (devnet: Devnet, from: Address, to: Address, slot: bigint): Promise<void> => {
  const head = await readSlot(devnet, from, slot);
  await devnet.setStorageAt(to, slot, head);
  const headValue = hexToBigInt(head);
  if ((headValue & 1n) === 0n) return;
  const dataSlots = ((headValue - 1n) / 2n + 31n) / 32n;
  const base = hexToBigInt(keccak256(numberToHex(slot, { size: 32 })));
  for (let i = 0n; i < dataSlots; i++) {
    await devnet.setStorageAt(to, base + i, await readSlot(devnet, from, base + i));
  }
};

/**
 * Puts a TestToken at a fixed address (for instance a mainnet token address from the app's default
 * registry) by deploying one normally, then copying its runtime code and metadata storage there.
 * Relies on TestToken's documented storage layout (slot 0 name, 1 symbol, 2 decimals).
 */
export const installTestTokenAt = async (devnet: Devnet, address: Address, spec: TestTokenSpec): Promise<TestToken> => {
  const { abi, bytecode, deployedBytecode } = loadArtifact('TestToken');
  const template = await devnet.deployContract(abi, bytecode, [spec.name, spec.symbol, spec.decimals]);
  await devnet.setCode(address, deployedBytecode);
  await copyStringSlot(devnet, template, address, 0n);
  await copyStringSlot(devnet, template, address, 1n);
  await devnet.setStorageAt(address, 2n, await readSlot(devnet, template, 2n));
  return { ...spec, address };
};

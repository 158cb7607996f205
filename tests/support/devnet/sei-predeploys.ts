import { encodeFunctionData, parseAbi, type Address } from 'viem';
import { loadArtifact } from '../contracts/compile-contracts';
import { ADDR_PRECOMPILE_ADDRESS, MULTICALL3_ADDRESS } from './sei-addresses';
import type { Devnet } from './start-devnet';

/** The Addr precompile's read interface plus the stand-in's test-only `associate`. */
export const addrPrecompileAbi = parseAbi([
  'function getEvmAddr(string addr) view returns (address response)',
  'function getSeiAddr(address addr) view returns (string response)',
  'function associate(string seiAddr, address evmAddr)',
]);

/** Places Multicall3 at 0xcA11…CA11 and the Addr precompile stand-in at 0x…1004 (runtime code only). */
export const installSeiPredeploys = async (devnet: Devnet): Promise<void> => {
  await devnet.setCode(MULTICALL3_ADDRESS, loadArtifact('Multicall3').deployedBytecode);
  await devnet.setCode(ADDR_PRECOMPILE_ADDRESS, loadArtifact('AddrPrecompile').deployedBytecode);
};

/**
 * Records a sei1… <-> 0x association in the Addr stand-in, as Sei does when an account first signs.
 * Needs installSeiPredeploys first (startDevnet does it by default). Resolves once the association is mined.
 */
export const associateSeiAddress = async (devnet: Devnet, seiAddress: string, evmAddress: Address): Promise<void> => {
  await devnet.sendTransaction({
    to: ADDR_PRECOMPILE_ADDRESS,
    data: encodeFunctionData({ abi: addrPrecompileAbi, functionName: 'associate', args: [seiAddress, evmAddress] }),
  });
};

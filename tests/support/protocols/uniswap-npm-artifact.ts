import { readFileSync } from 'node:fs';
import type { Abi, Hex } from 'viem';

/** A contract compiled by its authors and shipped in an npm package (@uniswap/*): deploy it as is. */
export interface NpmArtifact {
  readonly abi: Abi;
  readonly bytecode: Hex;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isAbi = (value: unknown): value is Abi => Array.isArray(value) && value.every((entry) => isRecord(entry) && typeof entry.type === 'string');

/**
 * Loads `abi` and creation `bytecode` from a package's JSON artifact, e.g.
 * '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json' (Hardhat format) or
 * '@uniswap/v2-core/build/UniswapV2Factory.json' (Waffle format, bytecode without 0x).
 */
export const loadNpmArtifact = (modulePath: string): NpmArtifact => {
  const json: unknown = JSON.parse(readFileSync(require.resolve(modulePath), 'utf8'));
  if (!isRecord(json) || !isAbi(json.abi) || typeof json.bytecode !== 'string' || json.bytecode.length < 4) {
    throw new Error(`${modulePath} is not a contract artifact with abi and bytecode`);
  }
  const bytecode: Hex = json.bytecode.startsWith('0x') ? (json.bytecode as Hex) : `0x${json.bytecode}`;
  return { abi: json.abi, bytecode };
};

import { readFileSync } from 'node:fs';
import type { Abi, Hex } from 'viem';

/** Where a library's address goes in a creation code: byte offsets (into the code without 0x) of 20-byte placeholders. */
export type LinkReferences = Readonly<Record<string, Readonly<Record<string, ReadonlyArray<{ readonly start: number; readonly length: number }>>>>>;

/** A contract compiled by its authors and shipped in an npm package (@uniswap/*, @aave/core-v3): deploy it as is. */
export interface NpmArtifact {
  readonly abi: Abi;
  /** Creation code; still holds `__$…$__` placeholders when `linkReferences` is not empty (see linkLibraries). */
  readonly bytecode: Hex;
  /** By source file, then library name (Hardhat format); empty for Waffle artifacts and contracts without libraries. */
  readonly linkReferences: LinkReferences;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isAbi = (value: unknown): value is Abi => Array.isArray(value) && value.every((entry) => isRecord(entry) && typeof entry.type === 'string');

const isLinkReferences = (value: unknown): value is LinkReferences =>
  isRecord(value) &&
  Object.values(value).every(
    (libraries) =>
      isRecord(libraries) &&
      Object.values(libraries).every(
        (places) => Array.isArray(places) && places.every((place) => isRecord(place) && typeof place.start === 'number' && typeof place.length === 'number'),
      ),
  );

/**
 * Loads `abi`, creation `bytecode` and `linkReferences` from a package's JSON artifact, e.g.
 * '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json' (Hardhat format) or
 * '@uniswap/v2-core/build/UniswapV2Factory.json' (Waffle format, bytecode without 0x).
 */
export const loadNpmArtifact = (modulePath: string): NpmArtifact => {
  const json: unknown = JSON.parse(readFileSync(require.resolve(modulePath), 'utf8'));
  if (!isRecord(json) || !isAbi(json.abi) || typeof json.bytecode !== 'string' || json.bytecode.length < 4) {
    throw new Error(`${modulePath} is not a contract artifact with abi and bytecode`);
  }
  const linkReferences = json.linkReferences ?? {};
  if (!isLinkReferences(linkReferences)) throw new Error(`${modulePath} has malformed linkReferences`);
  const bytecode: Hex = json.bytecode.startsWith('0x') ? (json.bytecode as Hex) : `0x${json.bytecode}`;
  return { abi: json.abi, bytecode, linkReferences };
};

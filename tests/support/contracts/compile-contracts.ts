import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Abi, Hex } from 'viem';

/** A compiled contract, ready for `devnet.deployContract(abi, bytecode, args)` or `devnet.setCode(address, deployedBytecode)`. */
export interface ContractArtifact {
  readonly contractName: string;
  /** Path of the source relative to the project root, e.g. `tests/support/contracts/TestToken.sol`. */
  readonly sourceName: string;
  readonly abi: Abi;
  /** Creation code (constructor included); append encoded constructor args, or let viem do it. */
  readonly bytecode: Hex;
  /** Runtime code, for `hardhat_setCode`. */
  readonly deployedBytecode: Hex;
}

export interface CompilerSettings {
  readonly evmVersion: string;
  readonly optimizerRuns: number;
  readonly viaIR: boolean;
}

export interface CompileOptions {
  /** Folders whose `.sol` files (recursively) are compiled together. Default: this folder. */
  readonly sourceDirs?: ReadonlyArray<string>;
  /** Where the cached output goes. Default: `tests/support/contracts/build` (gitignored). */
  readonly buildDir?: string;
  readonly settings?: Partial<CompilerSettings>;
}

export interface CompiledContracts {
  readonly solcVersion: string;
  /** sha256 of solc version, settings and every source: the cache key. */
  readonly sourceHash: string;
  /** By contract name; a name defined in two sources is only reachable as `sourceName:ContractName`. */
  readonly artifacts: Readonly<Record<string, ContractArtifact>>;
  readonly fromCache: boolean;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CONTRACTS_DIR = __dirname;
const DEFAULT_BUILD_DIR = path.join(__dirname, 'build');

// Sei's EVM runs Cancun opcodes (PUSH0, MCOPY, transient storage); compile for it, not for the newest fork.
const DEFAULT_SETTINGS: CompilerSettings = { evmVersion: 'cancun', optimizerRuns: 200, viaIR: false };

interface SolcOutputContract {
  readonly abi: Abi;
  readonly evm: { readonly bytecode: { readonly object: string }; readonly deployedBytecode: { readonly object: string } };
}

interface SolcOutput {
  readonly errors?: ReadonlyArray<{ readonly severity: string; readonly formattedMessage: string }>;
  readonly contracts?: Record<string, Record<string, SolcOutputContract>>;
}

type ImportResult = { contents: string } | { error: string };
type SolcCompile = (input: string, callbacks: { import: (importPath: string) => ImportResult }) => string;

const memo = new Map<string, CompiledContracts>();

const listSolidityFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'build' && entry.name !== 'node_modules')
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listSolidityFiles(full);
      return entry.isFile() && entry.name.endsWith('.sol') ? [full] : [];
    })
    .sort();

const toSourceName = (file: string): string => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

const readSolcVersion = (): string => {
  const manifest: unknown = JSON.parse(readFileSync(require.resolve('solc/package.json'), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  throw new Error('cannot read the solc package version');
};

// Imports resolve from the project root (sibling sources, relative imports already joined by solc) and then node_modules.
const findImport = (importPath: string): ImportResult => {
  const candidates = [path.join(PROJECT_ROOT, importPath), path.join(PROJECT_ROOT, 'node_modules', importPath)];
  const found = candidates.find((candidate) => existsSync(candidate));
  return found === undefined ? { error: `import not found: ${importPath}` } : { contents: readFileSync(found, 'utf8') };
};

const toHex = (object: string): Hex => `0x${object}`;

const runSolc = (sources: ReadonlyArray<readonly [string, string]>, settings: CompilerSettings): Record<string, ContractArtifact> => {
  // Loading soljson costs about a second, so it happens only on a cache miss.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc: { compile: SolcCompile } = require('solc');
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(sources.map(([name, content]) => [name, { content }])),
    settings: {
      evmVersion: settings.evmVersion,
      viaIR: settings.viaIR,
      optimizer: { enabled: true, runs: settings.optimizerRuns },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output: SolcOutput = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors ?? []).filter((error) => error.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((error) => error.formattedMessage).join('\n')}`);
  }
  const all = Object.entries(output.contracts ?? {}).flatMap(([sourceName, contracts]) =>
    Object.entries(contracts).map(
      ([contractName, contract]): ContractArtifact => ({
        contractName,
        sourceName,
        abi: contract.abi,
        bytecode: toHex(contract.evm.bytecode.object),
        deployedBytecode: toHex(contract.evm.deployedBytecode.object),
      }),
    ),
  );
  const nameCounts = new Map<string, number>();
  all.forEach((artifact) => nameCounts.set(artifact.contractName, (nameCounts.get(artifact.contractName) ?? 0) + 1));
  return Object.fromEntries(
    all.flatMap((artifact) => {
      const qualified: [string, ContractArtifact] = [`${artifact.sourceName}:${artifact.contractName}`, artifact];
      return nameCounts.get(artifact.contractName) === 1 ? [qualified, [artifact.contractName, artifact]] : [qualified];
    }),
  );
};

const writeAtomically = (file: string, content: string): void => {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
};

/**
 * Compiles every `.sol` under the source folders with solc-js (offline), or reads the cached output when
 * nothing changed. Imported files that live outside the source folders (node_modules) are not part of
 * the cache key: they change only with `npm install`.
 * Throws with solc's messages when compilation fails.
 */
export const compileContracts = (options: CompileOptions = {}): CompiledContracts => {
  const sourceDirs = (options.sourceDirs ?? [CONTRACTS_DIR]).map((dir) => path.resolve(dir));
  const buildDir = options.buildDir ?? DEFAULT_BUILD_DIR;
  const settings: CompilerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const solcVersion = readSolcVersion();
  const sources = sourceDirs
    .flatMap(listSolidityFiles)
    .map((file): readonly [string, string] => [toSourceName(file), readFileSync(file, 'utf8')]);
  if (sources.length === 0) throw new Error(`no .sol files under ${sourceDirs.join(', ')}`);

  const hash = createHash('sha256').update(JSON.stringify({ solcVersion, settings, sources })).digest('hex');
  // One cache file per set of source folders; a stale file for the same set is replaced.
  const setKey = createHash('sha256').update(sourceDirs.map(toSourceName).join('\n')).digest('hex').slice(0, 12);
  const cacheFile = path.join(buildDir, `${setKey}-${hash.slice(0, 16)}.json`);
  const memoised = memo.get(cacheFile);
  if (memoised !== undefined) return memoised;
  if (existsSync(cacheFile)) {
    const cached: CompiledContracts = { ...JSON.parse(readFileSync(cacheFile, 'utf8')), fromCache: true };
    memo.set(cacheFile, cached);
    return cached;
  }

  const artifacts = runSolc(sources, settings);
  mkdirSync(buildDir, { recursive: true });
  readdirSync(buildDir)
    .filter((file) => file.startsWith(`${setKey}-`) && file.endsWith('.json'))
    .forEach((stale) => rmSync(path.join(buildDir, stale), { force: true }));
  writeAtomically(cacheFile, JSON.stringify({ solcVersion, sourceHash: hash, artifacts }));
  const compiled: CompiledContracts = { solcVersion, sourceHash: hash, artifacts, fromCache: false };
  memo.set(cacheFile, compiled);
  return compiled;
};

/** The artifact of one contract, by name (`TestToken`) or qualified name (`tests/support/contracts/TestToken.sol:TestToken`). Throws when absent. */
export const loadArtifact = (name: string, options: CompileOptions = {}): ContractArtifact => {
  const artifact = compileContracts(options).artifacts[name];
  if (artifact === undefined) throw new Error(`no compiled contract named ${name}`);
  return artifact;
};

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileContracts, loadArtifact, type CompileOptions, type CompiledContracts } from './compile-contracts';

const counterSource = (initial: number): string => `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Counter {
    uint256 public count = ${initial};
    function increment() external { count += 1; }
}
`;

// A fresh module registry has an empty in-memory memo, as a new jest worker or test run would.
const compileInFreshModule = async (options: CompileOptions): Promise<CompiledContracts> => {
  let compiled: CompiledContracts | undefined;
  await jest.isolateModulesAsync(async () => {
    const fresh = await import('./compile-contracts');
    compiled = fresh.compileContracts(options);
  });
  if (compiled === undefined) throw new Error('isolated compile did not run');
  return compiled;
};

describe('compileContracts', () => {
  let workDir: string;

  beforeEach(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'compile-contracts-'));
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('compiles once, then reads the cached output until a source changes', async () => {
    const sourceDir = path.join(workDir, 'src');
    const buildDir = path.join(workDir, 'build');
    mkdirSync(sourceDir);
    writeFileSync(path.join(sourceDir, 'Counter.sol'), counterSource(1));
    const options = { sourceDirs: [sourceDir], buildDir };

    const cold = await compileInFreshModule(options);
    expect(cold.fromCache).toBe(false);
    const counter = cold.artifacts.Counter;
    expect(counter?.abi.map((item) => ('name' in item ? item.name : item.type)).sort()).toEqual(['count', 'increment']);
    expect(counter?.bytecode).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(counter?.deployedBytecode).toMatch(/^0x[0-9a-f]{100,}$/);

    const warm = await compileInFreshModule(options);
    expect(warm.fromCache).toBe(true);
    expect(warm.sourceHash).toBe(cold.sourceHash);
    expect(warm.artifacts).toEqual(cold.artifacts);

    writeFileSync(path.join(sourceDir, 'Counter.sol'), counterSource(2));
    const changed = await compileInFreshModule(options);
    expect(changed.fromCache).toBe(false);
    expect(changed.sourceHash).not.toBe(cold.sourceHash);
    expect(readdirSync(buildDir)).toHaveLength(1);
  });

  it('throws with solc messages when a source does not compile', () => {
    writeFileSync(path.join(workDir, 'Bad.sol'), 'pragma solidity ^0.8.20; contract Bad { function f() external { undefinedThing(); } }');
    expect(() => compileContracts({ sourceDirs: [workDir], buildDir: path.join(workDir, 'build') })).toThrow(/Undeclared identifier/);
  });

  it('provides the support contracts by name', () => {
    const names = ['TestToken', 'BrokenToken', 'Multicall3', 'AddrPrecompile'];
    expect(names.map((name) => loadArtifact(name).contractName)).toEqual(names);
    expect(loadArtifact('tests/support/contracts/TestToken.sol:TestToken').sourceName).toBe('tests/support/contracts/TestToken.sol');
    expect(() => loadArtifact('NoSuchContract')).toThrow('no compiled contract named NoSuchContract');
  });
});

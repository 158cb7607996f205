import { loadAaveV3Artifact } from './aave-v3-artifacts';
import { linkLibraries } from './link-libraries';
import type { NpmArtifact } from './npm-artifact';

const PLACEHOLDER = '__$0123456789abcdef0123456789abcdef01$__';
const artifact = (code: string, places: ReadonlyArray<number>): NpmArtifact => ({
  abi: [],
  bytecode: `0x${code}`,
  linkReferences: { 'contracts/Lib.sol': { Lib: places.map((start) => ({ start, length: 20 })) } },
});

describe('linkLibraries', () => {
  it('writes the library address over every placeholder linkReferences names', () => {
    const linked = linkLibraries(artifact(`6001${PLACEHOLDER}73${PLACEHOLDER}00`, [2, 23]), { Lib: '0x00000000000000000000000000000000000000AA' });
    expect(linked).toBe(`0x6001${'00'.repeat(19)}aa73${'00'.repeat(19)}aa00`);
  });

  it('refuses a library without an address, a reference that points at no placeholder, and a placeholder left over', () => {
    expect(() => linkLibraries(artifact(`60${PLACEHOLDER}`, [1]), {})).toThrow('no address for library contracts/Lib.sol:Lib');
    expect(() => linkLibraries(artifact(`60${PLACEHOLDER}`, [0]), { Lib: '0x00000000000000000000000000000000000000AA' })).toThrow('no placeholder for Lib at byte 0');
    expect(() => linkLibraries({ ...artifact(`60${PLACEHOLDER}`, []), linkReferences: {} }, {})).toThrow('unlinked library placeholder');
  });

  it('links Aave’s Pool: seven logic libraries, no placeholder left', () => {
    const pool = loadAaveV3Artifact('Pool');
    const names = Object.values(pool.linkReferences).flatMap((byName) => Object.keys(byName));
    expect(names.sort()).toEqual(['BorrowLogic', 'BridgeLogic', 'EModeLogic', 'FlashLoanLogic', 'LiquidationLogic', 'PoolLogic', 'SupplyLogic']);
    const linked = linkLibraries(pool, Object.fromEntries(names.map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, '0')}`])));
    expect(linked.length).toBe(pool.bytecode.length);
    expect(linked.includes('__$')).toBe(false);
  });
});

import type { Address, Hex } from 'viem';
import type { NpmArtifact } from './npm-artifact';

/**
 * The artifact's creation code with every library placeholder replaced by the library's address, as Hardhat's
 * linker does: `libraries` is keyed by library name (`BorrowLogic`). Throws when a referenced library has no
 * address, when a placeholder is not where linkReferences says, or when any placeholder is left.
 */
export const linkLibraries = (artifact: NpmArtifact, libraries: Readonly<Record<string, Address>>): Hex => {
  let code = artifact.bytecode.slice(2);
  for (const [sourceName, byName] of Object.entries(artifact.linkReferences)) {
    for (const [name, places] of Object.entries(byName)) {
      const address = libraries[name];
      if (address === undefined) throw new Error(`no address for library ${sourceName}:${name}`);
      for (const { start, length } of places) {
        const [from, to] = [start * 2, (start + length) * 2];
        if (length !== 20 || !code.slice(from, to).startsWith('__$')) throw new Error(`no placeholder for ${name} at byte ${start}`);
        code = code.slice(0, from) + address.slice(2).toLowerCase() + code.slice(to);
      }
    }
  }
  if (code.includes('__$')) throw new Error('creation code still has an unlinked library placeholder');
  return `0x${code}`;
};

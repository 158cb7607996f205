// `npm run build:lens`: recompiles PortfolioLens.sol with the pinned solc and rewrites its generated module.
import { writeFileSync } from 'node:fs';
import { compilePortfolioLens, LENS_MODULE_FILE, renderLensModule } from './compile-portfolio-lens';

const compiled = compilePortfolioLens();
writeFileSync(LENS_MODULE_FILE, renderLensModule(compiled));
console.warn(`wrote ${LENS_MODULE_FILE}: ${(compiled.bytecode.length - 2) / 2} bytes of creation code`);

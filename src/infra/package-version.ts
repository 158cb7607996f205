import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The version in package.json (found from dist/ or src/), or 0.0.0. */
export const readPackageVersion = (): string => {
  for (const candidate of [path.join(__dirname, '..', '..', 'package.json'), path.join(process.cwd(), 'package.json')]) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(candidate, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
};

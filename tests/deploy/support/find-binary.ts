import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// sbin directories are often missing from a non-root PATH, yet that is where nginx lives.
const extraDirectories = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Absolute path of an executable found on PATH or in the sbin directories, or undefined. */
export const findBinary = (name: string): string | undefined =>
  [...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== ''), ...extraDirectories]
    .map((dir) => join(dir, name))
    .find(isExecutable);

/** Like findBinary, but throws an error that says how to install the missing tool. */
export const requireBinary = (name: string, installHint: string): string => {
  const path = findBinary(name);
  if (path === undefined) {
    throw new Error(
      `The "${name}" binary was not found on PATH or in ${extraDirectories.join(', ')}. ` +
        `These deployment tests run the real tool; install it first: ${installHint}`,
    );
  }
  return path;
};

/** Types of scripts/build.js for the tests. */
export declare const STAMP: string;
export declare const newestInputMtime: (root: string) => number;
export declare const isBuildStale: (root: string) => boolean;
export declare const buildIfStale: (root: string, build: (root: string) => void) => boolean;
export declare const build: (root: string) => void;

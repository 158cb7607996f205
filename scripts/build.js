// `npm run build`: compiles src/ to dist/ with tsc, copies the SQL migrations, makes the embedded Postgres template
// (only when missing or made by another PGlite version), then writes dist/.build-stamp.
// `node scripts/build.js --if-stale` (what `npm start` runs) builds only when dist/ is missing or older than its
// inputs, so a start on a built checkout never runs tsc. Plain JavaScript: it runs before anything is compiled.
'use strict';

const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const STAMP = path.join('dist', '.build-stamp');
/** What the build reads: a change to any of them makes dist/ stale. */
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', path.join('scripts', 'build.js')];
const INPUT_DIRS = ['src'];

/** Newest modification time (ms) of the files under `dir`, or 0 when it does not exist. */
const newestMtimeUnder = (dir) => {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtimeUnder(full) : statSync(full).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
};

/** Newest modification time (ms) of the build's inputs under `root`. */
const newestInputMtime = (root) =>
  Math.max(
    ...INPUT_FILES.map((file) => (existsSync(path.join(root, file)) ? statSync(path.join(root, file)).mtimeMs : 0)),
    ...INPUT_DIRS.map((dir) => newestMtimeUnder(path.join(root, dir))),
  );

/** True when `root` has no completed build, or an input changed after it. */
const isBuildStale = (root) => {
  const stamp = path.join(root, STAMP);
  return !existsSync(stamp) || newestInputMtime(root) > statSync(stamp).mtimeMs;
};

/** Runs `build(root)` only when the build is stale; returns whether it ran. */
const buildIfStale = (root, build) => {
  if (!isBuildStale(root)) return false;
  build(root);
  return true;
};

const runStep = (root, command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (${result.error?.message ?? `exit ${String(result.status)}`})`);
};

/** The full build of the checkout at `root`. */
const build = (root) => {
  const started = Date.now();
  process.stdout.write('building dist/ (tsc)\n');
  runStep(root, process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', 'tsconfig.build.json']);
  const migrations = path.join(root, 'dist', 'infra', 'db', 'migrations');
  rmSync(migrations, { recursive: true, force: true });
  cpSync(path.join(root, 'src', 'infra', 'db', 'migrations'), migrations, { recursive: true });
  runStep(root, process.execPath, [path.join(root, 'dist', 'infra', 'db', 'make-pglite-template-cli.js')]);
  writeFileSync(path.join(root, STAMP), `${new Date().toISOString()}\n`);
  process.stdout.write(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

module.exports = { isBuildStale, buildIfStale, build, newestInputMtime, STAMP };

if (require.main === module) {
  try {
    if (process.argv.includes('--if-stale')) buildIfStale(REPO_ROOT, build);
    else build(REPO_ROOT);
  } catch (error) {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

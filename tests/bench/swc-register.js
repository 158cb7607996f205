// Lets `node` run the TypeScript benchmark directly: compiles each required .ts file with @swc/core on load.
'use strict';
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

const compile = (source, filename) =>
  transformSync(source, {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  }).code;

Module._extensions['.ts'] = (module, filename) => {
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

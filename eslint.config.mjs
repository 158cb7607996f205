import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ and what each may import (README, Architecture). `no-restricted-imports` checks every import
 * and `export … from`, type-only ones included. Test files beside the code (*.test.ts) compose what they test, like
 * src/composition does, so the boundary is not applied to them.
 */
const layerPath = (...layers) => `(^|/)(${layers.join('|')})(/|$)`;
const MAIN = { regex: '(^|/)main$', message: 'Only the process entry imports main.ts.' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [MAIN, ...patterns] }] });

/** Infrastructure libraries: services reach them only through a port that adapters or infra fill. */
const INFRASTRUCTURE_PACKAGES = [
  'express',
  'ioredis',
  'pg',
  'socket\\.io',
  'socket\\.io-client',
  '@socket\\.io/.+',
  'winston',
  'winston-daily-rotate-file',
  'prom-client',
  'openai',
  'rate-limiter-flexible',
  '@electric-sql/.+',
  'helmet',
  'cors',
];

const boundaries = [
  {
    name: 'boundary: domain',
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      {
        regex: layerPath('config', 'services', 'adapters', 'infra', 'http', 'realtime', 'composition'),
        message: 'domain imports nothing outside domain: pure types, codecs and maths.',
      },
      // viem's pure helpers (getAddress, isAddress, formatUnits, parseUnits) may stay: they do no I/O.
      { regex: '^(?!\\.|fp-ts(/|$)|io-ts(/|$)|viem$)', message: 'domain may import only fp-ts, io-ts and viem (its pure helpers): no I/O, no frameworks.' },
    ),
  },
  {
    name: 'boundary: services',
    files: ['src/services/**/*.ts'],
    rules: restrict(
      {
        regex: layerPath('adapters', 'infra', 'http', 'realtime', 'composition'),
        message: 'services declare the ports they need (ports.ts beside them, services/ports when shared); adapters and infra fill them in src/composition.',
      },
      { regex: `^(${INFRASTRUCTURE_PACKAGES.join('|')})(/|$)`, message: 'services never import infrastructure libraries: declare a port and let an adapter use the library.' },
    ),
  },
  {
    name: 'boundary: adapters and infra',
    files: ['src/adapters/**/*.ts', 'src/infra/**/*.ts'],
    rules: restrict({ regex: layerPath('http', 'realtime', 'composition'), message: 'adapters and infra fill ports; they never import the edges or the composition root.' }),
  },
  {
    name: 'boundary: config',
    files: ['src/config/**/*.ts'],
    rules: restrict({ regex: layerPath('services', 'adapters', 'infra', 'http', 'realtime', 'composition'), message: 'config decodes the environment; it imports domain at most.' }),
  },
  {
    name: 'boundary: http',
    files: ['src/http/**/*.ts'],
    rules: restrict({ regex: layerPath('adapters', 'realtime', 'composition'), message: 'http calls services (built in src/composition); it never imports adapters, realtime or the composition root.' }),
  },
  {
    name: 'boundary: realtime',
    files: ['src/realtime/**/*.ts'],
    rules: restrict({ regex: layerPath('adapters', 'http', 'composition'), message: 'realtime calls services (built in src/composition); shared error codes live in domain/errors, not in http.' }),
  },
].map((block) => ({ ...block, ignores: ['**/*.test.ts'] }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'data/**', 'coverage/**', 'tools/**', 'tests/support/contracts/build/**', 'clients/typescript/api.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Tests read bodies of supertest and socket.io-client answers, which those libraries type `any`, and hold them to
    // exact values with expect(…).toEqual: the no-unsafe-* family would flag every such read. Their fakes implement
    // promise-returning ports as async functions whether or not they await. The other type-checked rules (floating
    // and misused promises, awaits of non-promises, unnecessary assertions, …) hold for tests as for src.
    name: 'tests: any-typed response bodies, async fakes',
    files: ['tests/**/*.ts', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  ...boundaries,
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

// Shared jest settings for every Nx project. SWC compiles (with decorator metadata, which Nest's DI
// needs); type errors are caught by each project's `typecheck` target, not by jest.
const path = require('node:path');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const root = __dirname;
// The import aliases come from tsconfig.base.json, the single place they are declared.
const { paths } = require('./tsconfig.base.json').compilerOptions;
const aliases = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, path.join(root, target)]),
);

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: aliases,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  clearMocks: true,
  // A timeout ends a hang; it does not time a test. CI runs the projects' tests two at a time on two
  // cores, beside child processes, worker threads, Chromium and PostgreSQL: there, tests without a
  // budget of their own took up to 3.4 s of jest's default 5 (docs/benchmarks.md is where speed is measured).
  testTimeout: 30_000,
  reporters: ['default', path.join(root, 'tools/scripts/jest-count-reporter.js')],
};

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
  reporters: ['default', path.join(root, 'tools/scripts/jest-count-reporter.js')],
};

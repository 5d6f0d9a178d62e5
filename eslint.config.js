// Flat ESLint config for the whole workspace. The rules here are architecture, not taste: module
// boundaries between layers, no floating promises, no blocking fs calls after start-up, and a pure
// domain. `tools/architecture/lint-rules.spec.ts` proves each of them can fail.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');

const SYNC_FS_MESSAGE =
  'Synchronous fs calls block the event loop. Use fs/promises, or move the call into bootstrap code (*.bootstrap.ts or a bootstrap/ folder).';

const syncFsSelectors = [
  {
    selector: "ImportDeclaration[source.value=/^(node:)?fs$/] > ImportSpecifier[imported.name=/Sync$/]",
    message: SYNC_FS_MESSAGE,
  },
  {
    selector: 'MemberExpression[object.name=/^(fs|nodeFs|fsSync)$/][property.name=/Sync$/]',
    message: SYNC_FS_MESSAGE,
  },
];

// One decimal configuration for money everywhere (60 digits, half-even): a value from another clone
// carries its own precision into every sum it starts, so a 20-digit global Decimal would round what the
// domain keeps exact. The simulator shares no code with the domain and keeps its own clone with the
// same settings (tools/architecture/decimal-settings.spec.ts keeps the two equal). A benchmark that
// measures raw decimal.js on purpose would be listed in a block of its own that turns this off.
const DECIMAL_IMPORT = {
  name: 'decimal.js',
  message: "Money has one decimal configuration: import `Dec` from '@trader/domain' instead of decimal.js.",
};
const SIMULATOR_DECIMAL_IMPORT = {
  name: 'decimal.js',
  message: "The simulator has one decimal configuration: import `Dec` from its engine/decimal.ts instead of decimal.js.",
};

const domainImportPatterns = [
  { group: ['node:*'], message: 'The domain does no I/O: no Node built-ins.' },
  {
    group: ['fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'worker_threads'],
    message: 'The domain does no I/O: no Node built-ins.',
  },
  { group: ['@nestjs/*'], message: 'The domain knows nothing of Nest.' },
];

const domainPurity = [
  ...syncFsSelectors,
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Domain code takes time from an injected Clock, never Date.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Domain code takes time from an injected Clock, never new Date().',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Domain code is deterministic: ids and randomness are passed in, never Math.random().',
  },
];

module.exports = [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/.nx/**', '**/data/**', '**/coverage/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: __dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...syncFsSelectors],
      'no-restricted-imports': ['error', { paths: [DECIMAL_IMPORT] }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'better-sqlite3', 'undici', 'ws', 'rxjs'],
            },
            { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:domain', 'type:application'] },
            {
              sourceTag: 'type:infrastructure',
              onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:infrastructure'],
            },
            {
              // The simulator is an independent implementation of Upbit's rules: it shares no code with
              // the client or the domain, so a bug in one cannot hide the same bug in the other.
              sourceTag: 'scope:simulator',
              onlyDependOnLibsWithTags: ['scope:simulator'],
            },
            { sourceTag: 'type:infrastructure', notDependOnLibsWithTags: ['scope:simulator'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            // The dashboard runs in the browser and knows the server only through the generated
            // OpenAPI client: no import of server code, so the two cannot drift through a shared type.
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...domainPurity],
      'no-restricted-imports': ['error', { paths: [DECIMAL_IMPORT], patterns: domainImportPatterns }],
    },
  },
  {
    // Where `Dec` is made.
    files: ['libs/domain/src/shared/decimal.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: domainImportPatterns }] },
  },
  {
    files: ['libs/infrastructure/upbit-sim/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SIMULATOR_DECIMAL_IMPORT] }] },
  },
  {
    // Where the simulator's `Dec` is made.
    files: ['libs/infrastructure/upbit-sim/src/engine/decimal.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['apps/dashboard/**/*.ts', 'apps/dashboard/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Browser code: sync fs does not exist there, and Dec is the server's; amounts arrive as strings.
      'no-restricted-syntax': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@trader/*'], message: 'The dashboard knows the server only through apps/dashboard/src/api (generated from its OpenAPI document).' }] }],
    },
  },
  {
    // Tests and tools may block: they set up fixtures before the code under test runs. Bootstrap
    // code runs once before the event loop serves anything.
    files: ['**/*.spec.ts', '**/e2e/**/*.ts', 'tools/**/*.ts', '**/*.bootstrap.ts', '**/bootstrap/**/*.ts', '**/test-support/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...domainPurity.slice(syncFsSelectors.length)],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

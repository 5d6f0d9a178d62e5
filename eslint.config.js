// Flat ESLint config for the whole workspace. The rules here are architecture, not taste: module
// boundaries between layers, no floating promises, no blocking fs calls after start-up, and a pure
// domain. `tools/architecture/lint-rules.spec.ts` proves each of them can fail.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

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
    files: ['**/*.ts'],
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The domain does no I/O: no Node built-ins.' },
            {
              group: ['fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'worker_threads'],
              message: 'The domain does no I/O: no Node built-ins.',
            },
            { group: ['@nestjs/*'], message: 'The domain knows nothing of Nest.' },
          ],
        },
      ],
    },
  },
  {
    // Tests and tools may block: they set up fixtures before the code under test runs. Bootstrap
    // code runs once before the event loop serves anything.
    files: ['**/*.spec.ts', 'tools/**/*.ts', '**/*.bootstrap.ts', '**/bootstrap/**/*.ts', '**/test-support/**/*.ts'],
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

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

// Lint rules, and the layering rules that keep Grove's parts apart (VS Code style):
//   shared/    imports nothing of ours and no Node, Electron or DOM API
//   db/        may import shared/; never electron/, renderer/, cli/ or `electron`
//   renderer/  talks to the backend only through its API client: never db/, electron/,
//              cli/, Node built-ins or native modules
//   electron/, cli/  hosts: may import db/ and shared/, not renderer/ source
// and no import cycles in the source of renderer/, shared/, db/ and cli/ (a module that
// needs another that needs it back is one concept split in two, or two fused),
// and SQL is written only in db/src/repositories (one repository per entity), the
// migrations and the low-level db files listed in SQL_HOMES.

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
  'zlib',
  'events',
  'buffer',
  'process',
];

// Where SQL statements may be written: repositories, migrations, and the machinery under
// them (the audited change writer and undo, the connection, file creation and upgrade, the
// statement cache, whole-review import/export and RevMan's raw tables, which copy rows in bulk).
const SQL_HOMES = [
  'db/src/repositories/**',
  'db/src/migrations/**',
  'db/src/changes.ts',
  'db/src/history.ts',
  'db/src/connection.ts',
  'db/src/statements.ts',
  'db/src/migrate.ts',
  'db/src/read-snapshot.ts', // BEGIN/COMMIT around a multi-statement read
  'db/src/review-file.ts',
  'db/src/document/**',
  'db/src/rm5/revman-tables.ts',
];
const SQL_MESSAGE = 'SQL lives in db/src/repositories: call (or add) a repository function named for what it reads or writes.';

/** Source folders where an import cycle is an error. */
const CYCLE_FREE = ['renderer/src/**/*.{ts,tsx}', 'shared/src/**/*.ts', 'db/src/**/*.ts', 'cli/src/**/*.ts'];

const restrict = (groups, extraMessage) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((g) => ({ group: g.group, message: g.message ?? extraMessage })) }],
});

export default tseslint.config(
  {
    ignores: ['.tmp/**', '**/node_modules/**', '**/dist/**', 'build/native/**', 'release/**', 'coverage/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(
      [
        { group: ['**/db/**', '**/electron/**', '**/renderer/**', '**/cli/**', '**/test/**'], message: 'shared/ imports nothing from the other Grove folders.' },
        { group: [...NODE_BUILTINS, 'electron', 'better-sqlite3', 'react', 'react-dom'], message: 'shared/ is pure: no Node, Electron, DOM or UI imports.' },
      ],
      '',
    ),
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document', 'require', '__dirname', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict(
      [
        { group: ['**/electron/**', '**/renderer/**', '**/cli/**', 'electron'], message: 'db/ is the backend: it may import shared/ only (and Node).' },
      ],
      '',
    ),
  },
  {
    files: ['db/**/*.ts', 'cli/**/*.ts', 'electron/**/*.ts'],
    ignores: SQL_HOMES,
    rules: {
      'no-restricted-syntax': [
        'error',
        // db.prepare(…), db.exec(…), db.pragma(…); a regular expression's /…/.exec() is not SQL.
        { selector: 'CallExpression[callee.property.name=/^(prepare|exec|pragma)$/]:not([callee.object.regex]):not([callee.object.callee.name="RegExp"])', message: SQL_MESSAGE },
        // the prepared-statement cache of db/src/statements.ts
        { selector: "CallExpression[callee.name='cached']", message: SQL_MESSAGE },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...restrict(
        [
          { group: ['**/db/**', '**/db/src/**', '**/electron/**', '**/cli/**'], message: 'The renderer talks to the backend only through its API client (renderer/src/api).' },
          { group: [...NODE_BUILTINS, 'electron', 'better-sqlite3'], message: 'The renderer runs in a sandboxed page: no Node, Electron or native modules.' },
        ],
        '',
      ),
    },
  },
  {
    // Our imports name the file (`./x.ts`), so Node's resolution finds them; packages are
    // not followed (ignoreExternal), which keeps the rule to our own modules and fast.
    files: CYCLE_FREE,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['electron/**/*.ts', 'cli/**/*.ts'],
    rules: restrict([{ group: ['**/renderer/src/**'], message: 'Hosts serve the built renderer; they never import its source.' }], ''),
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

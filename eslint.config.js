import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'native', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // The engine is pure: it must run in plain Node with no Electron, DOM or database.
    files: [
      'src-main/engine/**',
      'src-main/backtest/**',
      'src-main/market-data/**',
      'src-main/dynamics/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['electron', 'better-sqlite3', '**/db/**', '**/services/**', '**/electron/**'],
        },
      ],
    },
  },
  {
    // The Monte Carlo and the daily kernel never reach into the backtest (it is an adapter too).
    files: ['src-main/risk/**', 'src-main/dynamics/**', 'src-main/market-data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'electron',
            'better-sqlite3',
            '**/db/**',
            '**/services/**',
            '**/electron/**',
            '**/backtest/**',
          ],
        },
      ],
    },
  },
  {
    // The renderer may import only types from the main side.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-main/**'], allowTypeImports: true }] },
      ],
    },
  },
);

// @ts-check
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Layers (README "Architecture"): each zone lists what a folder may NOT import. Data flows one way:
 * request → parse → service → view → send; domain is pure; Slack code reaches the database only
 * through services; services and jobs know nothing of Slack.
 */
const layers = [
  { target: './src/domain', from: './src', except: ['./domain'], message: 'domain/ is pure: it imports nothing of ours outside domain/.' },
  { target: './src/slack', from: './src/db', message: 'Slack code never imports db/: call a service (src/services).' },
  { target: './src/services', from: ['./src/slack', './src/http', './src/jobs', './src/cli'], message: 'services/ are use cases with no Slack, HTTP or job code in them.' },
  { target: './src/db', from: ['./src/services', './src/slack', './src/jobs', './src/http', './src/cli', './src/ingest'], message: 'db/ is the bottom layer: it imports only domain/ (and its own files).' },
  { target: './src/jobs', from: ['./src/slack', './src/http'], message: 'jobs/ hand messages to the notifier port (jobs/notifier.ts); the Slack side implements it.' },
  { target: './src/text', from: './src', except: ['./domain', './text'], message: 'text/ analyses comments: it imports only domain/.' },
  { target: ['./src/charts', './src/i18n'], from: ['./src/db', './src/services', './src/slack', './src/jobs', './src/http'], message: 'charts/ and i18n/ are leaves: pure helpers for views.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'drizzle/', '.data/', 'coverage/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // Circles of value or type imports: a module graph that can be read top to bottom.
      'import-x/no-cycle': ['error', { maxDepth: Infinity }],
      'import-x/no-duplicates': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
  {
    files: ['eslint.config.js', 'scripts/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);

// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * `npm run lint`: typescript-eslint's strict type-checked rules on the whole tree. The rules turned off below
 * are choices, each with its reason, not debts: tsc (strict, noUncheckedIndexedAccess) already covers
 * what they would add, or they fight a pattern the house style asks for.
 */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'scratch-tmp/', 'data/', 'coverage/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans read fine in messages; objects and nullish values are still refused.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `void reply.code(…)` and `(x) => void f(x)` are the house spelling of "result deliberately unused".
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Fastify plugins and hooks are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore names what a destructuring drops on purpose (`{ type: _type, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // With noUncheckedIndexedAccess, an index read after a length check is `T | undefined`; `!` there is
      // the reviewed, honest spelling, and the defensive `?.` the rule below would flag is its twin.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Event listeners in the page take async handlers that catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Deprecations are handled when a dependency is upgraded; `max_tokens` is kept on purpose, as many
      // OpenAI-compatible servers know no other name.
      '@typescript-eslint/no-deprecated': 'off',
      // An abort rejects with `signal.reason`, which is whatever the caller aborted with, as the platform does.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // SDK error fields (`status`, `error`) are typed `any` by openai; every reply is checked with zod.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // @fastify/websocket hands over ws's own WebSocket; the rule misreads its merged declaration.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // A type parameter used once still narrows a lookup (`listeners[type]` in the page's h() builder).
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    // A stream interrupted by an abort rethrows the caller's abort reason as it is, as fetch does.
    files: ['src/llm/client.ts'],
    rules: { '@typescript-eslint/only-throw-error': 'off' },
  },
  {
    // wink-nlp's helpers (`its.value`, `as.array`) are plain functions handed around as values by design.
    files: ['src/grading/offline/nlp.ts', 'src/grading/offline/sequence-steps.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The sanitiser exists to match control characters and combining sequences.
    files: ['src/text/sanitize.ts'],
    rules: { 'no-control-regex': 'off', 'no-misleading-character-class': 'off' },
  },
  {
    // Tests poke at raw JSON, fake servers and model messages on purpose.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Runs inside the browser page that playwright drives.
    files: ['test/fixtures/audio/record-in-chromium.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);

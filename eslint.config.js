// Lint rules that protect what the type checker cannot: no promise left floating (a forgotten
// await in billing code loses errors and ordering), workflow code free of I/O and Node built-ins
// (it runs in Temporal's deterministic sandbox and is replayed), no update or delete
// without a where clause, and the direction of dependencies (activities/ is for the worker only;
// db/ sits below services and activities).
import { builtinModules } from 'node:module';
import drizzle from 'eslint-plugin-drizzle';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const ioModules = [
  'postgres',
  'drizzle-orm',
  'drizzle-orm/*',
  '@electric-sql/pglite',
  'resend',
  'mjml',
  'exceljs',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

/**
 * activities/ holds Temporal adapters for the worker, not a function library: services and the
 * portal must not import it, not even its types.
 */
const noActivities = {
  group: ['**/activities/*'],
  message:
    'Only the worker imports activities/. Shared data access (transactions, number series, documents, recorded email, balances) belongs in db/records, pure rules in billing/, what front ends share in server/services.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', '.tools/**', 'build/**', 'db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in a deterministic sandbox: no Node built-ins.' })),
          patterns: [
            { group: ioModules, message: 'Workflow code does no I/O: call an activity instead.' },
            {
              group: ['../activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only and call them through proxyActivities.',
            },
            { group: ['../db/*', '../emails/*', '../server/*'], message: 'Workflow code does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    // The process wiring in server/ serves the built portal; the portal never reaches back into it.
    files: ['portal/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/portal/*', '**/server/cli/*', '**/server/start.js', '**/server/runtime.js', '**/server/worker*.js'],
              message: 'The portal does not import server process wiring; what both need lives in portal/ or server/services.',
            },
            noActivities,
          ],
        },
      ],
    },
  },
  {
    // Only the worker wiring builds the activities; everything else in server/ reaches data through db/.
    files: ['server/**/*.ts'],
    ignores: ['server/worker.ts', 'server/worker-main.ts', 'server/start.ts', 'server/runtime.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noActivities] }] },
  },
  {
    // payments/ is an adapter to the outside: it speaks our words (billing/) and Stripe's, and knows
    // nothing of who calls it.
    files: ['payments/**/*.ts'],
    ignores: ['payments/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities/*', '**/server/*', '**/portal/*', '**/workflows/*', '**/db/*', '**/emails/*'],
              message: 'payments/ is the gateway adapter: it imports billing/ rules only; callers wire it in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities/*', '**/server/*', '**/portal/*', '**/workflows/*'],
              message:
                'db/ is the data access that services and activities share, so it imports neither of them, nor the portal or workflows: pure rules come from billing/, mail from emails/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['billing/*.ts'],
    ignores: ['billing/**/*.test.ts'],
    rules: billingImports('../*'),
  },
  {
    // A sub-folder of billing/ (rating/) may import its parent, but nothing beyond it.
    files: ['billing/*/*.ts'],
    ignores: ['billing/**/*.test.ts'],
    rules: billingImports('../../*'),
  },
  {
    // Two levels down (collections/dunning/), `../../` is still billing/ itself.
    files: ['billing/*/*/**/*.ts'],
    ignores: ['billing/**/*.test.ts'],
    rules: billingImports('../../../*'),
  },
);

/** billing/ is pure: no Node built-ins, no I/O modules, no Temporal, nothing of ours outside it. */
function billingImports(outsideBilling) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: nodeBuiltins.map((name) => ({ name, message: 'billing/ is pure domain code: no Node built-ins.' })),
        patterns: [{ group: [...ioModules, '@temporalio/*', outsideBilling], message: 'billing/ imports nothing of ours and does no I/O.' }],
      },
    ],
  };
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One runner for every layer. Each project is a layer of the test pyramid; `npm test` runs them all,
// `npm run test:fast` the ones that need no sandbox (unit, contract, architecture), with a worker per
// core (`--maxWorkers=100%`): they share nothing, while `npm test` keeps Vitest's default of one worker
// fewer than the cores for the sandbox and browser projects' sake. Every project sets its own time
// limits: what is fair for a pure function is not for a seeded site or a browser.
export default defineConfig({
  test: {
    // What the app and the sandbox log is shown for the tests that fail, where it helps.
    silent: 'passed-only',
    projects: [
      {
        test: {
          // Pure code (src/domain and small platform helpers): nothing here waits on I/O.
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 5_000,
          hookTimeout: 5_000,
          // Pure tests share one worker: a fresh module graph per file costs more than the tests.
          isolate: false,
        },
      },
      {
        test: {
          // The resolver contract's schemas and messages (src/contract), checked without a sandbox. The
          // app's Jira traffic against Jira's REST description runs the app, so it is a sandbox test
          // (test/sandbox/jira-contract.test.ts) and an after-each check of the integration tests.
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          environment: 'node',
          testTimeout: 10_000,
          hookTimeout: 10_000,
          isolate: false,
        },
      },
      {
        test: {
          name: 'architecture',
          include: ['test/architecture/**/*.test.ts'],
          environment: 'node',
          // Loads every manifest handler.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          isolate: false,
        },
      },
      {
        test: {
          // Forge's own manifest validator on manifest.yml: it compiles Forge's 2 MB manifest schema first,
          // seconds of work, so it is kept out of `npm run test:fast`.
          name: 'forge',
          include: ['test/forge/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          // The Jira and storage emulators themselves, and the sandbox that seeds the demo site.
          name: 'sandbox',
          include: ['test/sandbox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The front ends' own export code (the project page's CSV) is read by the test that checks every
        // surface agrees on the figures, so it resolves the front ends' aliases as Vite does.
        resolve: {
          alias: {
            '@contract': fileURLToPath(new URL('./src/contract', import.meta.url)),
            '@domain': fileURLToPath(new URL('./src/domain', import.meta.url)),
            '@shared': fileURLToPath(new URL('./static/shared', import.meta.url)),
          },
        },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // The app's Jira traffic is checked against Jira's REST v3 description after every test.
          setupFiles: ['test/support/contract-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/contract-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});

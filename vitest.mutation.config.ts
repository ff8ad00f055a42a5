// Vitest configuration for mutation runs: one project over the test files `npm run mutation` names for a module.
import { defineConfig } from 'vitest/config';

const files = JSON.parse(process.env.GUICHET_MUTATION_TESTS ?? '[]') as string[];
if (files.length === 0) throw new Error('GUICHET_MUTATION_TESTS is empty: run this through `npm run mutation`.');

export default defineConfig({
  test: {
    name: 'mutation',
    include: files,
    environment: 'node',
    // The integration files a module names use real SQLite files and, for some, a real slapd.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

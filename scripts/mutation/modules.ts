/** The security-critical modules `npm run mutation` mutates, each with the test files that guard it. */
export interface MutationModule {
  /** What `--module` takes. */
  name: string;
  /** What it is, for the summary. */
  what: string;
  /** Files (or `file:from-to` line ranges) Stryker mutates. */
  mutate: string[];
  /** The test files run against each mutant: the ones that exercise these files in-process. */
  tests: string[];
  /** Which TypeScript settings the checker compiles the mutated files with. */
  tier: 'node' | 'web';
}

export const MUTATION_MODULES: readonly MutationModule[] = [
  {
    name: 'masking',
    what: 'masking of mail and mobile read from the directory',
    mutate: ['src/main/directory/account-masking.ts', 'src/shared/mail-address.ts:142-148'],
    tests: ['test/unit/main/directory/account-state-masking.test.ts', 'test/unit/shared/mail-address.test.ts'],
    tier: 'node',
  },
  {
    name: 'search-filter',
    what: 'LDAP search-filter builder (escaping, search keys)',
    mutate: ['src/main/directory/search-filter.ts'],
    tests: ['test/unit/main/directory/ldap-search-filter.test.ts', 'test/unit/main/directory/search-key.test.ts'],
    tier: 'node',
  },
  {
    name: 'router',
    what: 'IPC router and payload guard',
    mutate: ['src/main/router.ts', 'src/main/payload-guard.ts'],
    tests: ['test/unit/main/router.test.ts', 'test/unit/main/payload-guard.test.ts', 'test/unit/main/ipc-fuzz.test.ts', 'test/unit/main/handlers.test.ts'],
    tier: 'node',
  },
  {
    name: 'verification',
    what: 'verification policy, throttle and one-time codes',
    mutate: [
      'src/shared/verification-policy.ts',
      'src/main/verification/policy.ts',
      'src/main/verification/throttle-store.ts',
      'src/main/verification/one-time-code.ts',
    ],
    tests: [
      'test/unit/main/verification/verification-policy.test.ts',
      'test/unit/main/verification/throttle-store.test.ts',
      'test/unit/main/verification/one-time-code.test.ts',
      'test/integration/throttle-restart.test.ts',
    ],
    tier: 'node',
  },
  {
    name: 'password',
    what: 'password policy and generator',
    mutate: ['src/shared/password-policy.ts', 'src/main/password/generate.ts'],
    tests: [
      'test/unit/shared/password-policy.test.ts',
      'test/unit/shared/password-profiles.test.ts',
      'test/unit/main/password/password-generate.test.ts',
    ],
    tier: 'node',
  },
  {
    name: 'renderer-store',
    what: 'renderer store clearing at sign-out, lock and account change',
    mutate: [
      'src/renderer/src/store/index.ts',
      'src/renderer/src/slice-kit/feature-slice.ts',
      'src/renderer/src/slice-kit/latest-request.ts',
      // The one slice whose clear is its own code (the others use feature-slice's helpers).
      'src/renderer/src/features/account/account-slice.ts:26-30',
    ],
    tests: ['test/unit/renderer/personal-data.test.ts', 'test/unit/renderer/slice-kit.test.ts'],
    tier: 'web',
  },
  {
    name: 'audit-chain',
    what: 'audit chain checker and export verification',
    mutate: ['src/main/audit/audit-chain.ts', 'src/main/audit/export-verify.ts'],
    tests: ['test/unit/main/audit/audit-chain.test.ts', 'test/integration/audit-export.test.ts', 'test/integration/audit-export-verify.test.ts'],
    tier: 'node',
  },
  {
    name: 'audit-checkpoint',
    what: 'audit checkpoint slots and pins',
    mutate: ['src/main/audit/checkpoint.ts', 'src/main/audit/checkpoint-pin.ts'],
    tests: [
      'test/unit/main/audit/checkpoint-pin.test.ts',
      'test/unit/main/audit/checkpoint-file.test.ts',
      'test/unit/main/audit/signing-key-file.test.ts',
      'test/unit/main/audit/signing-key-vault.test.ts',
      'test/integration/audit-checkpoint-tamper.test.ts',
      'test/integration/audit-checkpoint-schedule.test.ts',
    ],
    tier: 'node',
  },
  {
    name: 'audit-append',
    what: 'audit append path (chain appender)',
    mutate: ['src/main/audit/chain-appender.ts'],
    tests: ['test/integration/audit-chain-appender.test.ts'],
    tier: 'node',
  },
];

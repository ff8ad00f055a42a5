/**
 * The password checks per keystroke, and the generated passwords' strength (npm run bench:password).
 *
 * Every prefix of a set of typed passwords (common ones dressed up, random strong ones,
 * passphrases) is checked as the live checklist does on each keystroke: the new "too
 * common" rule alone (password-blocklist.ts), the whole synchronous rule set with it
 * (checkPassword), and, as the floor measured in the same run, the existing strength check
 * (zxcvbn's estimate, which the checklist already runs after each pause). Targets: the
 * common rule p95 under 1 ms and under the floor's p50; the rule set p95 under 2 ms. Also
 * the one-time cost of building the list, its weight, and the generated passwords' bits
 * (exact count of compliant passwords) next to the previous generator's and zxcvbn's view.
 *
 * Writes bench/results/password.json and prints the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../resources/directory/people-generator';
import { alphabetBits, DEFAULT_GENERATED_LENGTH, generatedPasswordBits, generatePassword, passwordAlphabet } from '../src/main/password/generate';
import { commonPasswordMatch, commonPasswordSet } from '../src/shared/password-blocklist';
import { checkPassword } from '../src/shared/password-policy';
import { BUILT_IN_PROFILES } from '../src/shared/password-profiles';
import { loadStrengthEstimator } from '../src/shared/password-strength';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'results', 'password.json');
const DATA = join(HERE, '..', 'src', 'shared', 'password-blocklist-data.ts');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

const uphf = BUILT_IN_PROFILES.uphf;
const person = { login: 'mbernard', givenName: 'Mathilde', familyName: 'Bernard', studentIds: ['22098765'] };

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), max: round(s.at(-1)!), mean: round(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

function typedPasswords(): string[] {
  const rnd = mulberry32(7);
  const common = ['Azerty2024!', 'P@ssw0rd2024!', '$oleil1998!!', 'Marseille13!', 'Qsdfghjklm12!', '741852963Ab!', '!!Bonjour2024??', 'Ch0c0lat!!99', 'M07d€p45$€69#', '1969123456789/;'];
  const all = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~';
  const random = Array.from({ length: 20 }, () => Array.from({ length: 12 + Math.floor(rnd() * 19) }, () => all[Math.floor(rnd() * all.length)]).join(''));
  const phrases = ['Tournesol-Vif-83!Quai', 'Quartz-Velours-92!', 'Boussole-hibou-27&Glacier', 'Lanterne!Falaise-61trombone'];
  return [...common, ...random, ...phrases];
}

/** Each keystroke's text: every prefix, as the checklist sees the field fill. */
const keystrokes = (passwords: readonly string[]) => passwords.flatMap((p) => [...p].map((_, i) => [...p].slice(0, i + 1).join('')));

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const t0 = performance.now();

  const listBuildMs = time(() => commonPasswordSet());
  const raw = readFileSync(DATA);
  const typed = keystrokes(typedPasswords());
  const estimator = await loadStrengthEstimator();

  const common: number[] = [];
  const rules: number[] = [];
  const floor: number[] = [];
  // Warm-up: JIT and caches, not counted.
  for (const text of typed.slice(0, 200)) {
    commonPasswordMatch(text);
    checkPassword(text, person, uphf);
    estimator.estimate(text, person, uphf);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const text of typed) {
      common.push(time(() => commonPasswordMatch(text)));
      rules.push(time(() => checkPassword(text, person, uphf)));
      // The floor once a round is enough: it is the slow one.
      if (round === 0) floor.push(time(() => estimator.estimate(text, person, uphf)));
    }
  }

  const commonStats = stats(common);
  const rulesStats = stats(rules);
  const floorStats = stats(floor);

  const generated = Array.from({ length: 200 }, () => generatePassword(uphf, { context: person }));
  const zxcvbnBits = generated.map((p) => estimator.estimate(p, person, uphf).guessesLog10 * Math.log2(10)).sort((a, b) => a - b);
  const alphabet = passwordAlphabet(uphf);
  const bitsNow = generatedPasswordBits(uphf);
  const bitsBefore = alphabetBits({ lower: 15, upper: 14, digit: 6, special: 17 }, 14, uphf);

  const targets = [
    { name: 'common rule p95 per keystroke < 1 ms', value: commonStats.p95, limit: 1, passed: commonStats.p95 < 1 },
    { name: 'common rule p95 < strength floor p50', value: commonStats.p95, limit: floorStats.p50, passed: commonStats.p95 < floorStats.p50 },
    { name: 'all synchronous rules p95 per keystroke < 2 ms', value: rulesStats.p95, limit: 2, passed: rulesStats.p95 < 2 },
    { name: 'generated password >= 80 bits and >= the previous generator', value: round(bitsNow, 2), limit: round(Math.max(80, bitsBefore), 2), passed: bitsNow >= 80 && bitsNow >= bitsBefore },
  ];
  const report = {
    benchmark: 'password',
    startedAt: startedAt.toISOString(),
    seconds: round((performance.now() - t0) / 1000, 3),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: round(totalmem() / 2 ** 30, 3), loadAverage: { start: loadAtStart, end: loadavg()[0]! } },
    method: `Every prefix of ${typedPasswords().length} typed passwords (${typed.length} keystrokes) checked ${ROUNDS} times: the common rule alone, checkPassword (all synchronous rules, the common one included), and once zxcvbn's estimate (the existing strength check: the floor). Times in milliseconds, 200 warm-up keystrokes not counted.`,
    list: {
      entries: commonPasswordSet().size,
      buildMs: round(listBuildMs, 3),
      sourceBytes: raw.length,
      gzipBytes: gzipSync(raw).length,
    },
    perKeystrokeMs: { commonRule: commonStats, allRules: rulesStats, strengthFloor: floorStats },
    generated: {
      length: DEFAULT_GENERATED_LENGTH,
      alphabet: { size: [...alphabet.all].length, special: alphabet.special },
      bits: round(bitsNow, 2),
      previousBits: round(bitsBefore, 2),
      previous: '14 characters over 52 symbols (17 specials, # @ < > [ ... ] included): the generator of ef86844',
      zxcvbnBits: { p5: round(percentile(zxcvbnBits, 0.05), 1), p50: round(percentile(zxcvbnBits, 0.5), 1) },
      examples: generated.slice(0, 3),
    },
    targets,
    passed: targets.every((t) => t.passed),
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);

  const line = (label: string, s: ReturnType<typeof stats>) => `  ${label.padEnd(34)} p50 ${s.p50.toFixed(4)}  p95 ${s.p95.toFixed(4)}  max ${s.max.toFixed(3)} ms  (n ${s.n})`;
  process.stdout.write(
    [
      `Password checks per keystroke (${typed.length} keystrokes × ${ROUNDS})`,
      line('common rule (new)', commonStats),
      line('all synchronous rules', rulesStats),
      line('floor: zxcvbn estimate (existing)', floorStats),
      `  list: ${report.list.entries} entries, built in ${report.list.buildMs} ms, ${(raw.length / 1024).toFixed(1)} KiB (${(report.list.gzipBytes / 1024).toFixed(1)} KiB gzip)`,
      `Generated passwords: ${DEFAULT_GENERATED_LENGTH} of ${report.generated.alphabet.size} symbols (specials ${alphabet.special}) = ${report.generated.bits} bits; previous ${report.generated.previousBits} bits; zxcvbn sees p5 ${report.generated.zxcvbnBits.p5} / p50 ${report.generated.zxcvbnBits.p50} bits`,
      ...targets.map((t) => `  [${t.passed ? 'pass' : 'FAIL'}] ${t.name}: ${t.value} (limit ${t.limit})`),
      `Wrote ${OUT}`,
      '',
    ].join('\n'),
  );
  if (!report.passed) process.exitCode = 1;
}

void main();

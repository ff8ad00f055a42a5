/**
 * The shipped audit command line, run as a child process on a real audit SQLite file:
 * built JavaScript only (no tsx, no src/), on the project's Node and on the machine's own
 * Node 20 (which better-sqlite3 13 crashes: the bin must run or refuse in one sentence).
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountViewed, signIn, tamper, tempAudit, type TempAudit } from './support/audit-temp';
import { BIN, ensureBuiltCli, ROOT } from './support/built-cli';

const execFileAsync = promisify(execFile);
/** The Debian Node of these machines (20.x): the one an IT engineer calls the bin with. */
const SYSTEM_NODE = '/usr/bin/node';
const systemNodeMajor = existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim())
  : null;

let audit: TempAudit;
const scratch = mkdtempSync(join(tmpdir(), 'guichet-cli-bin-'));

beforeAll(() => {
  ensureBuiltCli();
  audit = tempAudit();
  audit.store.append(signIn());
  for (let i = 0; i < 11; i += 1) audit.store.append(accountViewed());
  audit.store.close();
}, 120_000);
afterAll(() => {
  audit.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const run = (node: string, bin: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(node, [bin, ...args], { encoding: 'utf8', env, timeout: 60_000 });

describe('guichet-audit as shipped (built bin)', () => {
  it('verifies a real trail, and exits 1 naming the first altered event', async () => {
    const ok = await execFileAsync(process.execPath, [BIN, 'verify', audit.path]);
    expect(ok.stdout).toMatch(/^Intègre : 12 événement\(s\) vérifié\(s\), n° 1 à 12 ; point de contrôle signé par la clé [0-9a-f ]+ \(clé scellée dans le coffre de ce dossier\)\./);
    const copy = join(scratch, 'tampered.sqlite');
    cpSync(audit.path, copy);
    tamper(copy, (db) => db.prepare("UPDATE events SET comment = 'effacé' WHERE seq = 7").run());
    const broken = run(process.execPath, BIN, ['verify', copy]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('premier numéro en défaut 7');
  });

  it('says in stats which keystore sealed the checkpoint key', () => {
    const stats = run(process.execPath, BIN, ['stats', audit.path]);
    expect(stats.status).toBe(0);
    expect(stats.stdout).toMatch(/Événements : 12/);
    expect(stats.stdout).toContain('Clé de signature des points de contrôle : scellée par le fichier de clé du dossier de données');
  });

  it('runs from the built JavaScript alone: no src/ folder, no tsx', () => {
    const app = join(scratch, 'installed');
    mkdirSync(app);
    cpSync(join(ROOT, 'bin'), join(app, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'out', 'main'), join(app, 'out', 'main'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    // Only the runtime dependencies are reachable; tsx would be, but nothing asks for it.
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    const result = run(process.execPath, join(app, 'bin', 'guichet-audit.mjs'), ['verify', audit.path], {
      ...process.env,
      NODE_OPTIONS: '',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(join(app, 'src'))).toBe(false);
  });

  it('says in one sentence that it is not built, when it is not', () => {
    const bare = join(scratch, 'unbuilt');
    cpSync(join(ROOT, 'bin'), join(bare, 'bin'), { recursive: true });
    const result = run(process.execPath, join(bare, 'bin', 'guichet-audit.mjs'), ['verify', audit.path]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^guichet-audit n’est pas construit : lancez « npm run build »[^\n]*\.$/);
  });

  it.runIf(systemNodeMajor !== null && systemNodeMajor < 22)('runs on the machine’s Node 20 (on the project’s Node 24), never a segfault', () => {
    const result = run(SYSTEM_NODE, BIN, ['verify', audit.path]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Intègre : 12 événement/);
  });

  it.runIf(systemNodeMajor !== null && systemNodeMajor < 22)(
    'refuses on Node 20 in one sentence naming the Node it needs and how to call it, when the project’s Node is not there',
    () => {
      // A checkout whose node_modules lacks the `node` package (or was installed with a bare npm).
      const checkout = join(scratch, 'no-project-node');
      cpSync(join(ROOT, 'bin'), join(checkout, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'out', 'main'), join(checkout, 'out', 'main'), { recursive: true });
      const result = run(SYSTEM_NODE, join(checkout, 'bin', 'guichet-audit.mjs'), ['verify', audit.path]);
      expect(result.signal).toBeNull();
      expect(result.status).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^guichet-audit a besoin de Node\.js 22 ou plus récent \(celui-ci est 20\.[\d.]+\) : /);
      expect(lines[0]).toContain(`« npx guichet-audit verify ${audit.path} »`);
      expect(lines[0]).toContain(`« guichet --audit verify ${audit.path} »`);
    },
  );
});

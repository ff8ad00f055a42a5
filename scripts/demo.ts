/**
 * `npm run demo`: the demo directory (a few thousand people) and the console on it.
 * `npm run demo -- --chromium`: the same built renderer in the system Chromium, with the
 * preload API routed to the same services, for machines where Electron cannot start.
 * Options: --people N (default 3000), --headless (with --chromium: screenshot and exit),
 * --institution uphf|upvd|ubp (the console on that ready profile of resources/config, the
 * demo directory shaped for it; with a local mail catcher that prints the codes it receives,
 * as UPVD's personal address step mails one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Secret } from 'otpauth';
import { startDirectory, type DirectoryFixture } from '../resources/directory/fixture';
import { DEMO_PORT } from '../src/main/config/demo-config';
import { startConsole } from '../test/support/console-harness';
import { harnessSenderCheck, openChromiumHost } from './lib/chromium-host';
import { shapeDirectoryFor } from '../resources/directory/institution-shape';
import { isInstitutionProfile, profileOverrides, readInstitutionProfile, INSTITUTION_PROFILES } from '../src/main/config/institution-profiles';
import { parseConfig } from '../src/main/config/load';
import { fixtureConfigInput } from '../test/support/console-harness';
import { startSmtpPeer, type SmtpPeer } from '../test/integration/support/smtp-peer';
import type { GuichetConfigInput } from '../src/main/config/schema';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function printAgents(fixture: DirectoryFixture): void {
  console.log(`\nAnnuaire de démonstration : ${fixture.url} (${fixture.people.length} personnes, base ${fixture.baseDn})`);
  console.log('Comptes d’agents de démonstration :');
  for (const agent of fixture.agents) console.log(`  ${agent.login.padEnd(18)} ${agent.password.padEnd(22)} ${agent.kind}`);
  const named = Object.entries(fixture.named)
    .slice(0, 8)
    .map(([key, person]) => `${person.login} (${key})`);
  console.log(`Quelques comptes à rechercher : ${named.join(', ')}`);
  // Demo only: the keys of the people who already have an authenticator, to add to a phone by hand.
  console.log('Double authentification (clé TOTP à saisir dans une application, mot de passe puis code) :');
  for (const holder of Object.values(fixture.tokenHolders))
    console.log(`  ${holder.login.padEnd(14)} ${new Secret({ buffer: Uint8Array.from(holder.totpSecret).buffer }).base32}  (${holder.tokenKey})`);
  console.log('');
}

function build(): boolean {
  if (existsSync('out/renderer/index.html') && existsSync('out/main/index.js') && !flag('rebuild')) return true;
  console.log('Construction de l’application (electron-vite build)…');
  return spawnSync('electron-vite', ['build'], { stdio: 'inherit' }).status === 0;
}

/** Electron needs its binary (downloaded on first use) and a display. */
function electronProblem(): string | null {
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return 'aucun écran (DISPLAY) n’est disponible';
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8', timeout: 120_000 });
  if (probe.status !== 0 || !probe.stdout || !existsSync(probe.stdout)) return 'le binaire Electron est absent et ne peut pas être téléchargé';
  return null;
}

/** The profile's overrides and a mail catcher (its codes printed), or nothing without --institution. */
async function institutionSetup(): Promise<{ overrides: Partial<GuichetConfigInput>; smtp: SmtpPeer | null; name: string } | null> {
  const name = option('institution', '');
  if (name === '') return null;
  if (!isInstitutionProfile(name)) throw new Error(`--institution : « ${name} » inconnu (${INSTITUTION_PROFILES.join(', ')})`);
  const smtp = await startSmtpPeer();
  const overrides = { ...profileOverrides(readInstitutionProfile(name)), mail: smtp.mailConfig() };
  return { overrides, smtp, name };
}

async function main(): Promise<void> {
  const people = Number(option('people', '3000'));
  const institution = await institutionSetup();
  const port = (await portIsFree(DEMO_PORT)) ? DEMO_PORT : undefined;
  console.log(`Démarrage de l’annuaire de démonstration (${people} personnes)…`);
  const fixture = await startDirectory({ people, port });
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await fixture.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  printAgents(fixture);
  if (institution) {
    const shaped = await shapeDirectoryFor(fixture, institution.name as (typeof INSTITUTION_PROFILES)[number]);
    // Validated now like any configuration: a wrong profile stops the demo with its problems.
    parseConfig(fixtureConfigInput(fixture, institution.overrides), `resources/config/${institution.name}.yaml`);
    console.log(`Profil d’établissement : ${institution.name}${shaped ? ` (${shaped} étudiants dotés d’un numéro de dossier et d’un code de certificat)` : ''}.`);
    const smtp = institution.smtp!;
    let seen = 0;
    setInterval(() => {
      for (const mail of smtp.received.slice(seen)) console.log(`Courriel reçu pour ${mail.to.join(', ')} : « ${mail.subject} »\n${mail.body.split('\n').filter((l) => /^\s*[0-9]{6,8}\s*$/.test(l)).map((l) => `  code : ${l.trim()}`).join('\n')}`);
      seen = smtp.received.length;
    }, 1000).unref();
  }
  if (!build()) return stop(1);

  if (!flag('chromium') && institution) {
    console.log('--institution ouvre la console dans Chromium : ajoutez --chromium (et « xvfb-run -a » sans écran).');
    return stop(1);
  }
  if (!flag('chromium')) {
    const problem = electronProblem();
    if (problem) {
      console.log(
        `Electron ne peut pas démarrer sur cette machine (${problem}) : lancez « npm run demo -- --chromium » pour ouvrir la même interface dans Chromium (avec « xvfb-run -a » sans écran).`,
      );
      return stop(1);
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-demo-'));
    const child = spawn(process.execPath, ['-e', "require('child_process').spawn(require('electron'), process.argv.slice(1), {stdio:'inherit'}).on('exit', c => process.exit(c ?? 0))", '.', `--user-data-dir=${dataDir}`], {
      stdio: 'inherit',
      env: { ...process.env, GUICHET_DEMO_URL: fixture.url, GUICHET_SERVICE_PASSWORD: fixture.servicePassword },
    });
    child.on('exit', () => void stop());
    return;
  }

  const dataDir = join(tmpdir(), 'guichet-demo-data');
  mkdirSync(dataDir, { recursive: true });
  let appUrl: string | null = null;
  const harness = startConsole({ fixture, isTrustedSender: harnessSenderCheck(() => appUrl), logToFile: true, dataDir, ...(institution ? { overrides: institution.overrides } : {}) });
  const headless = flag('headless');
  const host = await openChromiumHost({ router: harness.services.router, headed: !headless, onUrl: (u) => (appUrl = u) });
  console.log(`Guichet est ouvert dans Chromium (${host.url}). Données locales : ${dataDir}. Ctrl+C pour arrêter.`);
  if (headless) {
    await host.page.waitForTimeout(1500);
    const shot = join('test-results', 'demo.png');
    mkdirSync('test-results', { recursive: true });
    await host.page.screenshot({ path: shot });
    console.log(`Capture : ${shot}`);
    await host.close();
    await harness.close();
    await institution?.smtp?.close();
    return stop(0);
  }
  host.page.on('close', () => void host.close().then(() => harness.close()).then(() => stop(0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * What the test tiers need from Debian: slapd with its otp overlay + ldap-utils (directory fixture),
 * openssl (test CA), chromium (e2e), postgresql (central audit store), rsyslog +
 * rsyslog-gnutls (the SIEM receiver). Installed here when running as root with apt,
 * otherwise the exact command is printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

interface Requirement {
  what: string;
  path: string;
  pkg: string;
  /** When the path alone cannot say (a plugin under an architecture folder). */
  present?: () => boolean;
}

/** rsyslog's GnuTLS driver lives under /usr/lib/<architecture>/rsyslog/. */
function rsyslogTlsDriver(): boolean {
  try {
    return readdirSync('/usr/lib').some((dir) => existsSync(`/usr/lib/${dir}/rsyslog/lmnsd_gtls.so`));
  } catch {
    return false;
  }
}

export const REQUIREMENTS: Requirement[] = [
  { what: 'OpenLDAP server (slapd)', path: '/usr/sbin/slapd', pkg: 'slapd' },
  // Shipped in Debian's slapd package; an older or trimmed build without it fails the fixture's start.
  { what: 'slapd’s otp overlay (TOTP checked at bind time)', path: '/usr/lib/ldap/otp.so', pkg: 'slapd' },
  { what: 'OpenLDAP tools (slapadd is in slapd; ldapsearch)', path: '/usr/bin/ldapsearch', pkg: 'ldap-utils' },
  { what: 'OpenSSL (test certificate authority)', path: '/usr/bin/openssl', pkg: 'openssl' },
  { what: 'Chromium (end-to-end tests)', path: process.env['GUICHET_CHROMIUM'] ?? '/usr/bin/chromium', pkg: 'chromium' },
  { what: 'PostgreSQL 15 (central audit store tests)', path: '/usr/lib/postgresql/15/bin/postgres', pkg: 'postgresql' },
  { what: 'rsyslog (SIEM forwarding tests)', path: '/usr/sbin/rsyslogd', pkg: 'rsyslog' },
  { what: 'rsyslog TLS driver (syslog over TLS)', path: '/usr/lib/<arch>/rsyslog/lmnsd_gtls.so', pkg: 'rsyslog-gnutls', present: rsyslogTlsDriver },
];

export function missingRequirements(): Requirement[] {
  return REQUIREMENTS.filter((r) => !(r.present ? r.present() : existsSync(r.path)));
}

export function installCommand(pkgs: string[]): string {
  return (
    `echo "slapd slapd/no_configuration boolean true" | sudo debconf-set-selections && ` +
    `sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${pkgs.join(' ')}`
  );
}

/** Ensures every requirement is present; returns false (after saying what to do) when it cannot. */
export function ensurePrerequisites(log: (line: string) => void): boolean {
  const missing = missingRequirements();
  if (missing.length === 0) return true;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  for (const m of missing) log(`Manquant : ${m.what} (${m.path}, paquet Debian « ${m.pkg} »)`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    log(`Installez-les puis relancez : ${installCommand(pkgs)}`);
    return false;
  }
  log(`Installation avec apt-get : ${pkgs.join(' ')}`);
  execFileSync('sh', ['-c', 'echo "slapd slapd/no_configuration boolean true" | debconf-set-selections'], { stdio: 'inherit' });
  // No system PostgreSQL cluster either: the tests start their own.
  if (pkgs.includes('postgresql'))
    execFileSync('sh', ['-c', 'mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf'], { stdio: 'inherit' });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  const still = missingRequirements();
  if (install.status !== 0 || still.length > 0) {
    log(`L’installation a échoué pour : ${still.map((s) => s.pkg).join(' ') || pkgs.join(' ')}`);
    return false;
  }
  return true;
}

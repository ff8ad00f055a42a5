/**
 * The fixture's slapd.conf: schemas (system, SUPANN subset, guichet-local), modules and
 * overlays (mdb, ppolicy, otp, lastbind, sssvlv), indexes, limits and the helpdesk ACLs.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Layout } from './directory-layout';

const MODULE_PATH = '/usr/lib/ldap';
const SYSTEM_SCHEMA = '/etc/ldap/schema';
const SCHEMA_DIR = fileURLToPath(new URL('./schema/', import.meta.url));

/** slapadd `tool-threads`: 2 on an idle multi-core machine, else 1. */
export function toolThreads(): number {
  const cpus = os.availableParallelism();
  return cpus >= 2 && os.loadavg()[0]! < cpus - 0.5 ? 2 : 1;
}

export function slapdConf(
  l: Layout,
  dir: string,
  rootPwHash: string,
  tls: { caFile: string; certFile: string; keyFile: string } | null,
  threads: number,
  options: { serverSort: boolean; nameIndexes: readonly string[]; extraAccess: readonly string[] },
): string {
  const hd = `group.exact="${l.agentsGroupDn}"`;
  const sup = `group.exact="${l.supervisorsGroupDn}"`;
  const svc = `dn.exact="${l.serviceDn}"`;
  const lines = [
    `include ${SYSTEM_SCHEMA}/core.schema`,
    `include ${SYSTEM_SCHEMA}/cosine.schema`,
    `include ${SYSTEM_SCHEMA}/inetorgperson.schema`,
    `include ${SYSTEM_SCHEMA}/namedobject.schema`,
    `include ${path.join(SCHEMA_DIR, 'supann-subset.schema')}`,
    `include ${path.join(SCHEMA_DIR, 'guichet-local.schema')}`,
    `modulepath ${MODULE_PATH}`,
    'moduleload back_mdb',
    'moduleload ppolicy',
    // Worklists: sorted, windowed lists (sssvlv) and the last successful bind (lastbind: authTimestamp).
    ...(options.serverSort ? ['moduleload sssvlv'] : []),
    'moduleload lastbind',
    // TOTP checked by slapd at bind time: password followed by the current code (brings its own schema).
    'moduleload otp',
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    `argsfile ${path.join(dir, 'slapd.args')}`,
    // slapadd: a second indexing thread helps on an idle machine (100k: ~10 s instead of ~13 s)
    // but burns ~50% more CPU in locking, which makes it slower on a busy one.
    `tool-threads ${threads}`,
    ...(tls
      ? [`TLSCACertificateFile ${tls.caFile}`, `TLSCertificateFile ${tls.certFile}`, `TLSCertificateKeyFile ${tls.keyFile}`]
      : []),
    '',
    '# frontend: rootDSE and schema readable by anyone (also appended to the database ACLs)',
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    '',
    'database mdb',
    `suffix "${l.baseDn}"`,
    `rootdn "${l.rootDn}"`,
    `rootpw ${rootPwHash}`,
    `directory ${path.join(dir, 'db')}`,
    'maxsize 8589934592',
    'dbnosync',
    // A throw-away database: writing through the map costs slapadd about 9 % less CPU (100,000 people).
    'envflags writemap',
    'index objectClass,uid,supannAliasLogin,supannEtuId,supannEmpId,supannCodeINE,eduPersonUniqueId,supannRefId,mail,supannMailPerso,member,eduPersonPrincipalName eq',
    // Name lookups filter on every name attribute (src/main/directory/search-filter.ts): word starts are
    // initial and "any" substrings, never final ones (whose keys would cost slapadd ~8 % more CPU).
    ...(options.nameIndexes.length > 0 ? [`index ${options.nameIndexes.join(',')} eq,subinitial,subany`] : []),
    // Worklists filter on the account state and its end date, the lock, the temporary password and its age.
    'index supannRessourceEtat,pwdReset,eduPersonPrimaryAffiliation eq',
    'index supannRessourceEtatDate sub',
    'index pwdAccountLockedTime eq,pres',
    'index pwdChangedTime eq',
    // Worklists count and page through thousands of entries: the desk's paged searches are not capped at the size limit.
    `limits group="${l.agentsGroupDn}" size.soft=500 size.hard=unlimited size.prtotal=unlimited`,
    '',
    '# Order matters: the first "access to" that matches (entry, attribute) decides.',
    ...options.extraAccess,
    '# A password administrator is whoever has manage on userPassword (ppolicy); the desk',
    '# gets manage + write + disclose but not read: it never sees the hashes.',
    'access to attrs=userPassword',
    `  by ${hd} =mwd`,
    '  by self =wx',
    '  by anonymous auth',
    '  by * none',
    '# dates of birth: the desk may only compare a stated date, never read it',
    'access to attrs=schacDateOfBirth,supannOIDCDateDeNaissance',
    `  by ${hd} =c`,
    '  by self read',
    '  by * none',
    'access to attrs=pwdAccountLockedTime,pwdReset',
    `  by ${hd} manage`,
    '  by self read',
    '  by * none',
    'access to attrs=pwdHistory',
    '  by * none',
    'access to attrs=pwdChangedTime,pwdFailureTime,pwdGraceUseTime',
    `  by ${hd} read`,
    '  by self read',
    '  by * none',
    '# the account state: an agent moves it only on a never-activated account (the activation);',
    '# suspending, reactivating and extending an account are a supervisor\'s',
    `access to dn.subtree="${l.peopleBase}" filter=(|(supannRessourceEtat={COMPTE}I:SupannCree)(!(supannRessourceEtat=*))) attrs=supannRessourceEtat,supannRessourceEtatDate`,
    `  by ${sup} write`,
    `  by ${hd} write`,
    '  by self read',
    '  by * none',
    `access to dn.subtree="${l.peopleBase}" attrs=supannRessourceEtat,supannRessourceEtatDate`,
    `  by ${sup} write`,
    `  by ${hd} read`,
    '  by self read',
    '  by * none',
    '# second factor: the desk writes tokens (enrols, replaces, removes) but never reads, compares',
    '# or searches a secret; the overlay reads it itself. One entry keeps its token away from the desk.',
    `access to dn.exact="${l.protectedTokenDn}" attrs=oathSecret`,
    '  by * none',
    'access to attrs=oathSecret',
    `  by ${hd} =w`,
    '# the enrolment-certificate code (UBP): like a date of birth, compared only',
    'access to attrs=guichetCertificateCode',
    `  by ${hd} =c`,
    '  by * none',
    'access to attrs=guichetSecretAnswerHash',
    `  by ${hd} write`,
    '  by * none',
    `access to dn.subtree="${l.peopleBase}" attrs=entry`,
    `  by ${hd} read`,
    `  by ${svc} read`,
    '  by self read',
    '  by anonymous auth',
    '  by * none',
    `access to dn.subtree="${l.peopleBase}" attrs=objectClass,uid,cn,displayName`,
    `  by ${hd} write`,
    `  by ${svc} read`,
    '  by self read',
    '  by * none',
    `access to dn.subtree="${l.peopleBase}"`,
    `  by ${hd} write`,
    '  by self read',
    '  by * none',
    `access to dn.subtree="${l.groupsBase}"`,
    `  by ${hd} read`,
    `  by ${svc} read`,
    '  by * none',
    `access to dn.subtree="${l.servicesBase}"`,
    '  by self read',
    '  by anonymous auth',
    '  by * none',
    'access to *',
    '  by users read',
    '  by * none',
    '',
    // Declared before ppolicy (slapd runs overlays in reverse): a bind on a locked account does not use up the code.
    'overlay otp',
    'overlay ppolicy',
    `ppolicy_default "${l.policyDn}"`,
    'ppolicy_use_lockout',
    // A minute's precision: a bind writes authTimestamp at most once a minute per entry.
    'overlay lastbind',
    'lastbind-precision 60',
    ...(options.serverSort ? ['overlay sssvlv', 'sssvlv-max 32', 'sssvlv-maxperconn 8'] : []),
    '',
  ];
  return lines.join('\n');
}

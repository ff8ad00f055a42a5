/** The LDIF the fixture loads: the tree's head (branches, policy, service account, groups), then the people streamed in chunks. */
import type { Layout } from './directory-layout';
import { ldifEntry } from './ldif-format';
import { personToLdif } from './person-ldif';
import type { AgentKind } from './agent-people';
import type { FixturePerson } from './fixture-person';

export function skeletonLdif(
  l: Layout,
  servicePwHash: string,
  agents: ReadonlyArray<{ dn: string; kind: AgentKind }>,
  policy: { maxAgeDays?: number | undefined } = {},
): string {
  const helpdesk = agents.filter((a) => a.kind === 'agent' || a.kind === 'supervisor' || a.kind === 'locked-agent').map((a) => a.dn);
  const supervisors = agents.filter((a) => a.kind === 'supervisor').map((a) => a.dn);
  const ou = (name: string, description: string) =>
    ldifEntry(`ou=${name},${l.baseDn}`, [['objectClass', 'organizationalUnit'], ['ou', name], ['description', description]]);
  return [
    ldifEntry(l.baseDn, [
      ['objectClass', ['dcObject', 'organization']],
      ['dc', l.baseDn.split(',')[0]!.slice(3)],
      ['o', 'Université de démonstration'],
    ]),
    ou('people', 'Personnes'),
    ou('groups', 'Groupes'),
    ou('services', 'Comptes de service'),
    ou('policies', 'Politiques de mot de passe'),
    ldifEntry(l.policyDn, [
      ['objectClass', ['namedPolicy', 'pwdPolicy']],
      ['cn', 'default'],
      ['pwdAttribute', 'userPassword'],
      ['pwdMinLength', '12'],
      ['pwdCheckQuality', '2'],
      ['pwdInHistory', '3'],
      ['pwdLockout', 'TRUE'],
      ['pwdMaxFailure', '5'],
      ['pwdLockoutDuration', '0'],
      ['pwdMustChange', 'TRUE'],
      ['pwdAllowUserChange', 'TRUE'],
      ['pwdSafeModify', 'FALSE'],
      ['pwdMaxAge', policy.maxAgeDays !== undefined ? String(policy.maxAgeDays * 86_400) : undefined],
    ]),
    ldifEntry(l.serviceDn, [
      ['objectClass', ['applicationProcess', 'simpleSecurityObject']],
      ['cn', 'guichet-lecture'],
      ['description', 'Compte de service Guichet (lecture des agents et des groupes)'],
      ['userPassword', servicePwHash],
    ]),
    ldifEntry(l.agentsGroupDn, [['objectClass', 'groupOfNames'], ['cn', 'helpdesk'], ['description', 'Agents du guichet'], ['member', helpdesk]]),
    ldifEntry(l.supervisorsGroupDn, [['objectClass', 'groupOfNames'], ['cn', 'supervisors'], ['description', 'Superviseurs du guichet'], ['member', supervisors]]),
  ].join('');
}

/**
 * The LDIF in ~0.5 MB chunks: the tree head, then the people pulled from `source` in batches
 * (each kept in `sink`). Generation happens while slapadd parses the previous chunk; the time
 * spent generating is added to `stats.generateMs`.
 */
export function* ldifChunks(
  head: string,
  source: Iterable<FixturePerson>,
  sink: FixturePerson[],
  stats: { generateMs: number },
  batch = 400,
): Generator<string> {
  yield head;
  const it = source[Symbol.iterator]();
  for (;;) {
    const t = performance.now();
    let s = '';
    let n = 0;
    let r = it.next();
    while (!r.done) {
      sink.push(r.value);
      s += personToLdif(r.value);
      if (++n === batch) break;
      r = it.next();
    }
    stats.generateMs += performance.now() - t;
    if (s) yield s;
    if (r.done) return;
  }
}

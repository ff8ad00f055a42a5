import { describe, expect, it } from 'vitest';
import {
  INE_PATTERN,
  NAMED_KEYS,
  NAMED_LOGINS,
  NAMED_PERSON_PASSWORD,
  generateAgents,
  generatePeople,
  iteratePeople,
  hashSecretAnswer,
  ldifLine,
  personToLdif,
  sshaHash,
  toLdif,
  verifySecretAnswer,
  verifySsha,
  type FixturePerson,
} from '../../../../resources/directory/people-generator';

/** Minimal RFC 2849 reader: unfolds lines, decodes `::` base64 values. */
function parseLdif(text: string): Array<Map<string, string[]>> {
  const entries: Array<Map<string, string[]>> = [];
  for (const block of text.split(/\n\n+/)) {
    if (!block.trim()) continue;
    const lines = block.replace(/\n /g, '').split('\n');
    const entry = new Map<string, string[]>();
    for (const line of lines) {
      const m = /^([A-Za-z][\w-]*)(::?) ?(.*)$/.exec(line);
      if (!m) throw new Error(`bad LDIF line: ${JSON.stringify(line)}`);
      const [, attr, sep, raw] = m as unknown as [string, string, string, string];
      const value = sep === '::' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      entry.set(attr, [...(entry.get(attr) ?? []), value]);
    }
    entries.push(entry);
  }
  return entries;
}

const byKey = (people: FixturePerson[]) => Object.fromEntries(people.filter((p) => p.key).map((p) => [p.key!, p]));

describe('generatePeople', () => {
  it('under a password lifetime the named cases can still sign in whatever the day: their passwords were set three days before it; the generated people are the same', () => {
    const fixed = [...iteratePeople(200, 42, undefined, '2026-12-02')];
    const underPolicy = [...iteratePeople(200, 42, undefined, '2026-12-02', 90)];
    const named = underPolicy.filter((p) => p.key !== null && p.pwdChangedTime !== undefined);
    expect(named.length).toBeGreaterThan(5);
    for (const p of named) {
      const before = fixed.find((f) => f.key === p.key)!.pwdChangedTime!;
      // Same time of day, on 2026-11-29 instead of the fixed 2026-09-03 (which a 90-day policy expired on 2026-12-02).
      expect(before.slice(0, 8)).toBe('20260903');
      expect(p.pwdChangedTime).toBe(`20261129${before.slice(8)}`);
    }
    expect(underPolicy.filter((p) => p.key === null)).toEqual(fixed.filter((p) => p.key === null));
  });

  const big = generatePeople(5000, 42);

  it('is deterministic for a seed and differs for another seed', () => {
    const a = generatePeople(300, 7);
    const b = generatePeople(300, 7);
    expect(toLdif(a)).toBe(toLdif(b));
    const c = generatePeople(300, 8);
    expect(c.slice(17).map((p) => p.login)).not.toEqual(a.slice(17).map((p) => p.login));
    // a prefix does not depend on the requested count
    expect(toLdif(generatePeople(100, 7))).toBe(toLdif(a.slice(0, 117)));
  });

  it('returns the named cases first plus count generated people', () => {
    expect(big).toHaveLength(5000 + NAMED_KEYS.length);
    expect(big.slice(0, NAMED_KEYS.length).map((p) => p.key)).toEqual([...NAMED_KEYS]);
    expect(big.slice(NAMED_KEYS.length).every((p) => p.key === null)).toBe(true);
  });

  it('mixes affiliations about 70/15/10/5', () => {
    const generated = big.filter((p) => p.key === null);
    const share = (a: string) => generated.filter((p) => p.affiliation === a).length / generated.length;
    expect(share('student')).toBeGreaterThan(0.66);
    expect(share('student')).toBeLessThan(0.74);
    expect(share('staff')).toBeGreaterThan(0.12);
    expect(share('staff')).toBeLessThan(0.18);
    expect(share('faculty')).toBeGreaterThan(0.08);
    expect(share('faculty')).toBeLessThan(0.12);
    expect(share('affiliate')).toBeGreaterThan(0.035);
    expect(share('affiliate')).toBeLessThan(0.065);
    for (const p of generated) {
      expect(p.affiliations).toContain(p.affiliation);
      if (p.affiliation === 'student') {
        expect(p.studentIds.length).toBeGreaterThanOrEqual(1);
        expect(p.ine).toMatch(INE_PATTERN);
        expect(p.staffId).toBeUndefined();
      } else if (p.affiliation === 'affiliate') {
        expect(p.refId).toMatch(/^\{INVITE\}G\d{6}$/);
        expect(p.studentIds).toEqual([]);
      } else {
        expect(p.staffId).toMatch(/^\d{6}$/);
        expect(p.studentIds).toEqual([]);
      }
    }
  });

  it('has every named case with its state', () => {
    const n = byKey(big);
    for (const key of NAMED_KEYS) {
      expect(n[key], key).toBeDefined();
      expect(n[key]!.login).toBe(NAMED_LOGINS[key]);
    }
    expect(n.active!).toMatchObject({ state: 'active', affiliation: 'student', password: NAMED_PERSON_PASSWORD, redListed: false, pwdReset: false });
    expect(n.active!.mobile).toMatch(/^\+33 [67]( \d\d){4}$/);
    expect(n.active!.personalMail).toBeDefined();
    expect(n.active!.alias).toBe('julie.bernard');
    expect(n.neverActivated!).toMatchObject({ state: 'neverActivated', password: null, resourceState: '{COMPTE}I:SupannCree' });
    expect(n.preCreated!).toMatchObject({ state: 'preCreated', password: null, resourceState: '{COMPTE}I:SupannPrecree' });
    expect(n.locked!.pwdAccountLockedTime).toMatch(/^\d{14}Z$/);
    expect(n.locked!.pwdFailureTimes.length).toBeGreaterThanOrEqual(3);
    expect(n.resetPending!.pwdReset).toBe(true);
    expect(n.redListed!.redListed).toBe(true);
    expect(n.expired!.resourceState).toBe('{COMPTE}I:SupannExpire');
    expect(n.expired!.resourceStateDate).toMatch(/^\{COMPTE\}I:SupannExpire:\d{8}:\d{8}$/);
    expect(n.suspended!.resourceState).toBe('{COMPTE}S:SupannVerrouille');
    expect(n.noMobile!.mobile).toBeUndefined();
    expect(n.noPersonalMail!.personalMail).toBeUndefined();
    expect(n.twoStudentNumbers!.studentIds).toHaveLength(2);
    expect(n.staff!.affiliation).toBe('staff');
    expect(n.faculty!.affiliation).toBe('faculty');
    expect(n.external!).toMatchObject({ affiliation: 'affiliate', familyName: "N'Diaye" });
    expect(n.external!.refId).toBeDefined();
    expect([n.homonymA!.givenName, n.homonymA!.familyName]).toEqual([n.homonymB!.givenName, n.homonymB!.familyName]);
    expect(n.homonymA!.dateOfBirth).not.toBe(n.homonymB!.dateOfBirth);
    expect(n.accented!.displayName).toBe("Éloïse Lefèvre-N'Guessan");
    expect(n.active!.consents).toEqual(['{PHOTO}TROMBINOSCOPE', '{SMS}ALERTES']);
  });

  it('has deliberate homonyms among generated people, and French names', () => {
    const generated = big.filter((p) => p.key === null);
    expect(generated.filter((p) => p.displayName === 'Martin Dupont').length).toBeGreaterThanOrEqual(3);
    expect(generated.filter((p) => p.displayName === 'Camille Dupont').length).toBeGreaterThanOrEqual(3);
    expect(generated.some((p) => /'/.test(p.familyName))).toBe(true);
    expect(generated.some((p) => /-/.test(p.givenName))).toBe(true);
    expect(generated.some((p) => /[éèëêïîôöüç]/i.test(p.displayName))).toBe(true);
  });

  it('has people whose names disagree across attributes (married name, typo fixed in sn, pseudonymised cn)', () => {
    const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const starts = (x: string) => fold(x).split(/[^a-z]+/).filter(Boolean).map((w) => w.slice(0, 3));
    for (const variant of ['married', 'typoFixed', 'pseudonymisedCn'] as const) {
      const people = big.filter((p) => p.nameVariant === variant);
      expect(people.length, variant).toBe(10);
      for (const p of people) {
        // cn alone cannot find the person by the family name sn holds.
        expect(starts(p.commonName), `${variant}: ${p.commonName}`).not.toContain(starts(p.familyName)[0]);
        const [entry] = parseLdif(personToLdif(p));
        expect([entry!.get('cn'), entry!.get('sn'), entry!.get('displayName')]).toEqual([[p.commonName], [p.familyName], [p.displayName]]);
      }
    }
    const married = big.find((p) => p.nameVariant === 'married')!;
    expect(married.displayName).toBe(`${married.givenName} ${married.familyName}`);
    expect(married.commonName).toBe(`${married.givenName} ${married.formerName}`);
    // The variants change only themselves: the people around them are as before.
    const plain = generatePeople(600, 42).filter((p) => p.nameVariant === null);
    expect(plain.every((p) => p.commonName === p.displayName)).toBe(true);
  });

  it('keeps identifiers well-formed and unique', () => {
    const agents = generateAgents();
    const logins = [...big, ...agents].map((p) => p.login);
    expect(new Set(logins).size).toBe(logins.length);
    for (const p of big) expect(p.login).toMatch(/^[a-z]+\d+$/);
    const aliases = big.flatMap((p) => (p.alias ? [p.alias] : []));
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const a of aliases) expect(a).toMatch(/^[a-z-]+\.[a-z-]+\d*$/);
    const etu = big.flatMap((p) => p.studentIds);
    expect(new Set(etu).size).toBe(etu.length);
    for (const e of etu) expect(e).toMatch(/^\d{8}$/);
    const ines = big.flatMap((p) => (p.ine ? [p.ine] : []));
    expect(new Set(ines).size).toBe(ines.length);
    expect(ines.some((i) => /^\d{10}[A-Z]$/.test(i))).toBe(true);
    expect(ines.some((i) => /^\d{9}[A-Z]{2}$/.test(i))).toBe(true);
    const uids = big.map((p) => p.uniqueId);
    expect(new Set(uids).size).toBe(uids.length);
    for (const u of uids) expect(u).toMatch(/^[0-9a-f]{16}@univ-demo\.fr$/);
    const mails = big.map((p) => p.mail);
    expect(new Set(mails).size).toBe(mails.length);
    for (const p of big) {
      expect(p.dateOfBirth).toMatch(/^(19|20)\d{6}$/);
      const d = new Date(`${p.dateOfBirth.slice(0, 4)}-${p.dateOfBirth.slice(4, 6)}-${p.dateOfBirth.slice(6)}T00:00:00Z`);
      expect(d.toISOString().slice(0, 10).replaceAll('-', '')).toBe(p.dateOfBirth);
      expect(p.dn).toBe(`uid=${p.login},ou=people,dc=univ-demo,dc=fr`);
    }
  });

  it('describes the agents', () => {
    const agents = generateAgents();
    expect(agents.map((a) => [a.login, a.kind])).toEqual([
      ['agent.accueil', 'agent'],
      ['superviseur.dsi', 'supervisor'],
      ['stagiaire.dsi', 'not-agent'],
      ['agent.bloque', 'locked-agent'],
    ]);
    expect(agents[3]!.pwdAccountLockedTime).toBeDefined();
  });
});

describe('LDIF', () => {
  it('writes ASCII values plain and non-ASCII or unsafe values as base64', () => {
    expect(ldifLine('sn', 'Dupont')).toBe('sn: Dupont\n');
    expect(ldifLine('sn', "N'Diaye")).toBe("sn: N'Diaye\n");
    expect(ldifLine('sn', 'Lefèvre')).toBe(`sn:: ${Buffer.from('Lefèvre').toString('base64')}\n`);
    expect(ldifLine('description', ' leading space')).toMatch(/^description:: /);
    expect(ldifLine('description', 'trailing space ')).toMatch(/^description:: /);
    expect(ldifLine('description', ':colon')).toMatch(/^description:: /);
    expect(ldifLine('description', '<less')).toMatch(/^description:: /);
    expect(ldifLine('description', 'two\nlines')).toMatch(/^description:: /);
    expect(ldifLine('description', 'a:b<c')).toBe('description: a:b<c\n');
  });

  it('folds long lines at 76 columns', () => {
    const long = 'x'.repeat(200);
    const out = ldifLine('description', long);
    for (const l of out.trimEnd().split('\n')) expect(l.length).toBeLessThanOrEqual(76);
    expect(out.replace(/\n /g, '')).toBe(`description: ${long}\n`);
  });

  it('round-trips an accented person and never contains a cleartext password', () => {
    const people = generatePeople(20, 42);
    const accented = people.find((p) => p.key === 'accented')!;
    const text = personToLdif(accented);
    expect(Buffer.byteLength(text)).toBe(text.length); // LDIF stays ASCII
    expect(text).not.toContain(NAMED_PERSON_PASSWORD);
    const [entry] = parseLdif(text);
    expect(entry!.get('dn')).toEqual([accented.dn]);
    expect(entry!.get('cn')).toEqual(["Éloïse Lefèvre-N'Guessan"]);
    expect(entry!.get('sn')).toEqual(["Lefèvre-N'Guessan"]);
    expect(entry!.get('givenName')).toEqual(['Éloïse']);
    expect(text).toMatch(/^givenName:: /m);
    expect(entry!.get('objectClass')).toEqual(['inetOrgPerson', 'eduPerson', 'supannPerson', 'schacPersonalCharacteristics', 'guichetAccount']);
    expect(entry!.get('schacDateOfBirth')).toEqual([accented.dateOfBirth]);
    const pw = entry!.get('userPassword')![0]!;
    expect(pw).toMatch(/^\{SSHA\}/);
    expect(verifySsha(NAMED_PERSON_PASSWORD, pw)).toBe(true);
    expect(verifySsha('wrong', pw)).toBe(false);
    expect(verifySecretAnswer(accented.secretAnswer!, entry!.get('guichetSecretAnswerHash')![0]!)).toBe(true);
  });

  it('writes the state attributes of the named cases', () => {
    const people = generatePeople(0, 42);
    const entries = new Map(parseLdif(toLdif(people)).map((e) => [e.get('uid')![0]!, e]));
    expect(entries.size).toBe(NAMED_KEYS.length);
    const get = (key: keyof typeof NAMED_LOGINS) => entries.get(NAMED_LOGINS[key])!;
    expect(get('neverActivated').get('userPassword')).toBeUndefined();
    expect(get('preCreated').get('userPassword')).toBeUndefined();
    expect(get('neverActivated').get('supannRessourceEtat')).toEqual(['{COMPTE}I:SupannCree']);
    expect(get('locked').get('pwdAccountLockedTime')).toHaveLength(1);
    expect(get('locked').get('pwdFailureTime')!.length).toBeGreaterThanOrEqual(3);
    expect(get('resetPending').get('pwdReset')).toEqual(['TRUE']);
    expect(get('redListed').get('supannListeRouge')).toEqual(['TRUE']);
    expect(get('active').get('supannListeRouge')).toEqual(['FALSE']);
    expect(get('twoStudentNumbers').get('supannEtuId')).toHaveLength(2);
    expect(get('noMobile').get('mobile')).toBeUndefined();
    expect(get('noPersonalMail').get('supannMailPerso')).toBeUndefined();
    expect(get('external').get('supannRefId')).toHaveLength(1);
    expect(get('active').get('supannRessourceEtatDate')).toEqual(['{COMPTE}A:SupannActif:20260901:20270831']);
    expect(get('active').get('guichetCharterAcceptance')![0]).toMatch(/^[\w.-]+;\d{14}Z$/);
  });

  it('hashes are salted', () => {
    const salt1 = Buffer.from('01234567');
    const salt2 = Buffer.from('76543210');
    expect(sshaHash('x', salt1)).not.toBe(sshaHash('x', salt2));
    expect(hashSecretAnswer('Médor', salt1)).toBe(hashSecretAnswer('  medor ', salt1));
    expect(verifySecretAnswer('Felix', hashSecretAnswer('Médor', salt1))).toBe(false);
  });
});

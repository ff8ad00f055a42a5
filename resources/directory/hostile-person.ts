/**
 * A hostile person for the test directory, added at runtime with the fixture's root bind (it
 * is not one of the generator's named cases: tests count those). Every displayed field holds
 * markup and script (`<img src=x onerror=...>`, `<script>`), a right-to-left override
 * (U+202E), zero-width characters (U+200B, U+200D, U+FEFF), spreadsheet formulas (= + - @),
 * and, where slapd accepts it, NUL.
 *
 * What slapd 2.5 (Debian) accepts, checked against the fixture's schema:
 * - Directory String attributes (uid, cn, sn, givenName, displayName, supannAliasLogin,
 *   eduPersonPrincipalName, supannEtuId, eduPersonPrimaryAffiliation) take markup, U+202E,
 *   zero-width characters, other C0 controls, and even NUL (U+0000), except:
 * - NUL in the RDN value (uid) is refused: result 34, invalidDNSyntax. A DN carries the other
 *   controls raw, and `< > = "` as hex escapes (`uid=\3Cimg ...`).
 * - IA5 String attributes (mail, supannMailPerso) refuse anything outside ASCII (result 21,
 *   invalidAttributeSyntax): no U+202E in an address, but markup and formulas pass.
 *
 * Each `onerror` / `<script>` payload would, if a browser ever ran it, set
 * `globalThis.__hostile` to the field's name and call the preload's lockSession (an IPC
 * call a test can see at the router).
 */
import { Attribute, Change, Client } from 'ldapts';
import { randomBytes } from 'node:crypto';
import { sshaHash } from './secret-hashes';

/** The payload a field carries: markup whose handler would leave a trace if it ever ran. */
export const hostileMarkup = (field: string): string =>
  `<img src=x onerror="globalThis.__hostile='${field}';guichet.lockSession({})">`;

const RLO = '\u202E';
const ZWSP = '\u200B';
const ZWJ = '\u200D';
const BOM = '\uFEFF';
const NUL = '\u0000';

export const HOSTILE_PASSWORD = 'Hostile-Demo-2026!';

export interface HostilePerson {
  /** uid: starts with a formula, holds markup, an RLO and a zero-width space. */
  login: string;
  givenName: string;
  familyName: string;
  commonName: string;
  displayName: string;
  mail: string;
  personalMail: string;
  alias: string;
  principalName: string;
  uniqueId: string;
  studentId: string;
  primaryAffiliation: string;
  /** What the agent types to find the person (plain letters: search must still work). */
  searchText: string;
}

export function hostilePerson(): HostilePerson {
  const givenName = `Mal${ZWSP}lory${ZWJ}${BOM}`;
  const familyName = `Vautrin${hostileMarkup('sn')}${RLO}exe.txt${NUL}`;
  return {
    login: `=1+1${hostileMarkup('uid')}${RLO}exe.txt${ZWSP}`,
    givenName,
    familyName,
    commonName: `${givenName} ${familyName}`,
    displayName: `<script>globalThis.__hostile='displayName'</script>${givenName} ${RLO}Vautrin${NUL}${hostileMarkup('displayName')}`,
    // IA5 String: ASCII only (slapd refuses U+202E here), markup and a formula pass.
    mail: `"${hostileMarkup('mail').replaceAll('"', "'")}"@univ-demo.fr`,
    personalMail: '=HYPERLINK("http://evil.example/")@evil.example',
    alias: `@SUM(1+1)${hostileMarkup('alias')}${ZWJ}`,
    principalName: `-2+3${hostileMarkup('eppn')}@univ-demo.fr`,
    uniqueId: `+${hostileMarkup('uniqueId')}${BOM}@univ-demo.fr`,
    studentId: `<b>${RLO}4242</b>${hostileMarkup('studentId')}`,
    primaryAffiliation: `student${hostileMarkup('affiliation')}`,
    searchText: 'Mallory Vautrin',
  };
}

/** RFC 4514 escaping of one RDN value (the characters slapd requires, and leading/trailing specials). */
export function escapeRdnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (ch) => `\\${ch}`)
    .replace(/^[ #]/, (ch) => `\\${ch}`)
    .replace(/ $/, '\\ ');
}

export interface DirectoryRoot {
  url: string;
  rootDn: string;
  rootPassword: string;
  peopleBase: string;
}

/** The DN the entry is added under (the server answers with its own, hex-escaped, form). */
export function hostileDn(fixture: DirectoryRoot, login: string): string {
  return `uid=${escapeRdnValue(login)},${fixture.peopleBase}`;
}

async function withRoot<T>(fixture: DirectoryRoot, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: fixture.url, timeout: 5000, connectTimeout: 2000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    return await use(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Adds the hostile person (an active account with a password); returns what was written. */
export async function addHostilePerson(fixture: DirectoryRoot, person: HostilePerson = hostilePerson()): Promise<HostilePerson & { dn: string }> {
  const dn = hostileDn(fixture, person.login);
  await withRoot(fixture, (client) =>
    client.add(dn, {
      objectClass: ['inetOrgPerson', 'eduPerson', 'supannPerson', 'schacPersonalCharacteristics', 'guichetAccount'],
      uid: person.login,
      cn: person.commonName,
      sn: person.familyName,
      givenName: person.givenName,
      displayName: person.displayName,
      mail: person.mail,
      supannMailPerso: person.personalMail,
      supannAliasLogin: person.alias,
      eduPersonPrincipalName: person.principalName,
      eduPersonUniqueId: person.uniqueId,
      supannEtuId: person.studentId,
      eduPersonAffiliation: [person.primaryAffiliation, 'member'],
      eduPersonPrimaryAffiliation: person.primaryAffiliation,
      supannCivilite: 'M.',
      supannListeRouge: 'FALSE',
      supannRessourceEtat: '{COMPTE}A:SupannActif',
      supannRessourceEtatDate: '{COMPTE}A:SupannActif::',
      schacDateOfBirth: '20000101',
      userPassword: sshaHash(HOSTILE_PASSWORD, randomBytes(8)),
    }),
  );
  return { ...person, dn };
}

/**
 * Tries to add an entry whose login holds `login` (e.g. with a NUL): resolves to null when
 * slapd accepted it, else to the LDAP result code it answered with.
 */
export async function tryAddLogin(fixture: DirectoryRoot, login: string): Promise<number | null> {
  return withRoot(fixture, async (client) => {
    try {
      await client.add(hostileDn(fixture, login), {
        objectClass: ['inetOrgPerson'],
        uid: login,
        cn: 'Essai',
        sn: 'Essai',
      });
      return null;
    } catch (error) {
      return (error as { code?: number }).code ?? -1;
    }
  });
}

/**
 * Hostile mail addresses, as a self-service portal could let a person write them. slapd
 * accepts every one of these in an IA5 String attribute (supannMailPerso, mail): CR, LF,
 * NUL, tabs, commas, quotes, angle brackets and any length; it refuses only non-ASCII
 * (result 21), so an internationalised address needs a Directory String attribute.
 */
export const HOSTILE_ADDRESSES = {
  headerInjection: 'a@b.fr\r\nBcc: x@y.z',
  lineFeedInjection: 'a@b.fr\nBcc: x@y.z',
  list: 'a@b.fr, x@y.z',
  semicolonList: 'a@b.fr;x@y.z',
  displayName: '"X" <x@y.z>',
  comment: 'a@b.fr (x@y.z)',
  quoted: '"x@y.z"@b.fr',
  inner: 'a b@c.fr',
  nul: 'a@b.fr\u0000x@y.z',
  tooLong: `${'a'.repeat(60)}.${'b'.repeat(60)}@${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(50)}.fr`,
} as const;

/**
 * Replaces attributes of an entry with the given values (root bind): resolves to null when
 * slapd stored them, else to the LDAP result code it answered with.
 */
export async function replaceValues(fixture: DirectoryRoot, dn: string, values: Record<string, string>): Promise<number | null> {
  return withRoot(fixture, async (client) => {
    try {
      await client.modify(
        dn,
        Object.entries(values).map(([type, value]) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) })),
      );
      return null;
    } catch (error) {
      return (error as { code?: number }).code ?? -1;
    }
  });
}

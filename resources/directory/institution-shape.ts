/**
 * The demo directory shaped for an institution's ready profile (resources/config): what its
 * journeys need that the SUPANN demo people lack. UBP: every student holds a dossier number
 * and the code printed on their enrolment-certificate sheet (local schema attributes,
 * written with the root bind; the code is compare-only for the desk). UPHF and UPVD use
 * SUPANN's own attributes (uid, supannEtuId, supannCodeINE, supannEmpId, eduPersonUniqueId).
 * The values are derived from the login, so that tests and the demo know them.
 */
import { createHash } from 'node:crypto';
import { Attribute, Change, Client } from 'ldapts';
import type { DirectoryFixture, FixturePerson } from './fixture';
import type { InstitutionProfile } from '../../src/main/config/institution-profiles';

/** UBP's "numéro de dossier": 8 digits. */
export const dossierNumberOf = (person: Pick<FixturePerson, 'login'>): string =>
  String(parseInt(createHash('sha256').update(`dossier:${person.login}`).digest('hex').slice(0, 8), 16) % 100_000_000).padStart(8, '0');

/** The code at the top left of the enrolment-certificate sheet: 6 letters and digits, e.g. "K7Q2XM". */
export function certificateCodeOf(person: Pick<FixturePerson, 'login'>): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = createHash('sha256').update(`certificat:${person.login}`).digest();
  return Array.from(bytes.subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
}

/** Writes what `profile` needs on the fixture's people (students only for UBP); how many entries were changed. */
export async function shapeDirectoryFor(fixture: DirectoryFixture, profile: InstitutionProfile, limit = Infinity): Promise<number> {
  if (profile !== 'ubp') return 0;
  const students = fixture.people.filter((p) => p.affiliation === 'student').slice(0, limit);
  const client = new Client({ url: fixture.url, timeout: 5_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    for (const person of students) {
      const { searchEntries } = await client.search(person.dn, { scope: 'base', attributes: ['objectClass'] });
      const classes = ([] as unknown[]).concat(searchEntries[0]?.['objectClass'] ?? []).map(String);
      const changes: Change[] = [];
      if (!classes.some((c) => c.toLowerCase() === 'guichetaccount'))
        changes.push(new Change({ operation: 'add', modification: new Attribute({ type: 'objectClass', values: ['guichetAccount'] }) }));
      changes.push(
        new Change({ operation: 'replace', modification: new Attribute({ type: 'guichetDossierNumber', values: [dossierNumberOf(person)] }) }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'guichetCertificateCode', values: [certificateCodeOf(person)] }) }),
      );
      await client.modify(person.dn, changes);
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
  return students.length;
}

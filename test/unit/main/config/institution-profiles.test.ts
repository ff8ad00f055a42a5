import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseConfig, readConfigFile, ConfigError } from '../../../../src/main/config/load';
import { deskJourneysOf } from '../../../../src/main/config/journeys';
import { INSTITUTION_PROFILES, profilePath, readInstitutionProfile } from '../../../../src/main/config/institution-profiles';
import { DEFAULT_ACTIVATION_SCREENS, stepKindsOf } from '../../../../src/shared/institution';
import { resolvePasswordProfile } from '../../../../src/shared/password-profiles';

const ROOT = join(import.meta.dirname, '../../../..');
const load = (id: (typeof INSTITUTION_PROFILES)[number]) => readConfigFile(profilePath(id, ROOT));

describe('the three ready profiles (resources/config)', () => {
  it.each(INSTITUTION_PROFILES)('%s.yaml is validated at start like any configuration', (id) => {
    const config = load(id);
    expect(config.institution.words.account?.fr).toBeTruthy();
    expect(config.directory.tls.mode).toBe('ldaps');
  });

  it('UPHF (Sésame): its steps are the console’s own order, its four identifiers, its 12–30 password', () => {
    const config = load('uphf');
    expect(stepKindsOf(config.activation.steps)).toEqual(stepKindsOf(DEFAULT_ACTIVATION_SCREENS));
    expect(config.verification.identifiers.map((i) => i.kind)).toEqual(['studentId', 'ine', 'staffId', 'uniqueId']);
    expect(config.institution.words.secretQuestion?.fr).toBe('Question Joker');
    expect(resolvePasswordProfile(config.passwordPolicy)).toMatchObject({ minLength: 12, maxLength: 30, historyCount: 3 });
    expect(config.verification.documentCode).toBeNull();
  });

  it('UPVD: login + INE, the personal address confirmed by a code, then password and IT charter; at least 8, 3 kinds of 4', () => {
    const config = load('upvd');
    expect(config.activation.steps.map((s) => s.kinds)).toEqual([['personal-mail'], ['password', 'charter']]);
    expect(config.verification.identifiers.map((i) => i.kind)).toEqual(['login', 'ine']);
    expect(config.mail.enabled).toBe(true);
    expect(resolvePasswordProfile(config.passwordPolicy)).toMatchObject({ minLength: 8, minKinds: 3 });
    expect(config.institution.words.charterName?.fr).toBe("Charte informatique de l'UPVD");
  });

  it('UBP: dossier number + birth date; the enrolment-certificate code for a forgotten password; the code attribute never read', () => {
    const config = load('ubp');
    const journeys = deskJourneysOf(config);
    expect(journeys.identifiers.map((i) => i.kind)).toEqual(['dossierNumber']);
    expect(journeys.documentCode?.label.fr).toBe('Code du certificat de scolarité');
    expect(journeys.documentCode?.hint?.fr).toContain('en haut à gauche de la feuille contenant vos certificats de scolarité');
    expect(config.verification.actions['reset-password']['student']?.alternatives).toEqual([['document'], ['identifier-birthdate', 'document-code']]);
    expect(config.verification.actions.activation['student']?.alternatives).toEqual([['document'], ['identifier-birthdate']]);
    expect(config.directory.attributes.documentCode).toBe('guichetCertificateCode');
    expect(journeys.activation.map((s) => s.kinds)).toEqual([['password']]);
  });

  it('a profile that asks for what the desk cannot do is refused with the field named', () => {
    const ubp = readInstitutionProfile('ubp', ROOT);
    const withoutAttribute = { ...ubp, directory: { ...ubp.directory, attributes: { dossierNumber: 'guichetDossierNumber' } } };
    const refusal = (() => {
      try {
        parseConfig(withoutAttribute, 'ubp.yaml');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems.join('\n')).toContain('directory.attributes.documentCode');
    const upvd = readInstitutionProfile('upvd', ROOT);
    expect(() => parseConfig({ ...upvd, mail: { enabled: false } }, 'upvd.yaml')).toThrow(/mail\.enabled/);
  });
});

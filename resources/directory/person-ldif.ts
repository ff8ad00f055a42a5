/** The LDIF of generated people (the fixture adds the tree, groups and policy). */
import { ESTABLISHMENT, type FixturePerson } from './fixture-person';
import { ldifEntry } from './ldif-format';
import { hashSecretAnswer, sshaHash } from './secret-hashes';

/** LDIF of one person (inetOrgPerson + eduPerson + supannPerson + SCHAC + guichetAccount). */
export function personToLdif(p: FixturePerson): string {
  const oidcDate = `${p.dateOfBirth.slice(0, 4)}-${p.dateOfBirth.slice(4, 6)}-${p.dateOfBirth.slice(6, 8)}`;
  return ldifEntry(p.dn, [
    ['objectClass', ['inetOrgPerson', 'eduPerson', 'supannPerson', 'schacPersonalCharacteristics', 'guichetAccount']],
    ['uid', p.login],
    ['cn', p.commonName],
    ['sn', p.familyName],
    ['givenName', p.givenName],
    ['displayName', p.displayName],
    ['mail', p.mail],
    ['supannCivilite', p.civility],
    ['eduPersonAffiliation', p.affiliations],
    ['eduPersonPrimaryAffiliation', p.affiliation],
    ['eduPersonPrincipalName', p.principalName],
    ['eduPersonUniqueId', p.uniqueId],
    ['supannAliasLogin', p.alias],
    ['supannEtuId', p.studentIds],
    ['supannCodeINE', p.ine],
    ['supannEtuAnneeInscription', p.affiliation === 'student' ? '2026' : undefined],
    ['supannEmpId', p.staffId],
    ['supannRefId', p.refId],
    ['supannEtablissement', ESTABLISHMENT],
    ['supannEntiteAffectationPrincipale', p.entity],
    ['schacDateOfBirth', p.dateOfBirth],
    ['supannOIDCDateDeNaissance', oidcDate],
    ['supannMailPerso', p.personalMail],
    ['mobile', p.mobile],
    ['supannListeRouge', p.redListed ? 'TRUE' : 'FALSE'],
    ['supannConsentement', p.consents],
    ['supannRessourceEtat', p.resourceState],
    ['supannRessourceEtatDate', p.resourceStateDate],
    ['guichetSecretQuestion', p.secretQuestion],
    ['guichetSecretAnswerHash', p.secretAnswer !== undefined ? hashSecretAnswer(p.secretAnswer, p.answerSalt) : undefined],
    ['guichetCharterAcceptance', p.charterAcceptance],
    ['userPassword', p.password !== null ? sshaHash(p.password, p.passwordSalt) : undefined],
    ['pwdChangedTime', p.pwdChangedTime],
    ['pwdFailureTime', p.pwdFailureTimes],
    ['pwdAccountLockedTime', p.pwdAccountLockedTime],
    ['pwdReset', p.pwdReset ? 'TRUE' : undefined],
    ['authTimestamp', p.authTimestamp],
    ['jpegPhoto', p.jpegPhoto],
  ]);
}

/** LDIF of the people entries only (the fixture adds the tree, groups and policy). */
export function toLdif(people: readonly FixturePerson[]): string {
  let s = '';
  for (const p of people) s += personToLdif(p);
  return s;
}

/** The named cases: fixed people (logins, names, states, dates of birth) that tests and the demo look up by key. */
import type { AccountState, Affiliation, NamedKey } from './fixture-person';

/** Password of every named person that has one (see `NAMED_LOGINS`). */
export const NAMED_PERSON_PASSWORD = 'Etudiant-Demo-2026!';

export interface NamedSpec {
  key: NamedKey;
  login: string;
  given: string;
  family: string;
  civility: 'M.' | 'Mme';
  affiliation: Affiliation;
  state: AccountState;
  dateOfBirth: string;
}

/** Fixed logins of the named cases. */
export const NAMED_LOGINS: Readonly<Record<NamedKey, string>> = {
  active: 'jbernard1',
  neverActivated: 'tpetit2',
  preCreated: 'crobert3',
  locked: 'hrichard4',
  resetPending: 'edurand5',
  redListed: 'ldubois6',
  expired: 'mmoreau7',
  suspended: 'nlaurent8',
  noMobile: 'isimon9',
  noPersonalMail: 'lmichel10',
  twoStudentNumbers: 'sgarcia11',
  staff: 'pleroy12',
  faculty: 'aroux13',
  external: 'kndiaye14',
  homonymA: 'mdupont15',
  homonymB: 'mdupont16',
  accented: 'elefevre17',
};

const NAMED_SPECS_RAW: ReadonlyArray<Omit<NamedSpec, 'login'>> = [
  { key: 'active', given: 'Julie', family: 'Bernard', civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '20040315' },
  { key: 'neverActivated', given: 'Thomas', family: 'Petit', civility: 'M.', affiliation: 'student', state: 'neverActivated', dateOfBirth: '20070921' },
  { key: 'preCreated', given: 'Chloé', family: 'Robert', civility: 'Mme', affiliation: 'student', state: 'preCreated', dateOfBirth: '20080102' },
  { key: 'locked', given: 'Hugo', family: 'Richard', civility: 'M.', affiliation: 'student', state: 'locked', dateOfBirth: '20030707' },
  { key: 'resetPending', given: 'Emma', family: 'Durand', civility: 'Mme', affiliation: 'student', state: 'resetPending', dateOfBirth: '20051130' },
  { key: 'redListed', given: 'Lucas', family: 'Dubois', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20040229' },
  { key: 'expired', given: 'Manon', family: 'Moreau', civility: 'Mme', affiliation: 'student', state: 'expired', dateOfBirth: '20000512' },
  { key: 'suspended', given: 'Nathan', family: 'Laurent', civility: 'M.', affiliation: 'student', state: 'suspended', dateOfBirth: '20010818' },
  { key: 'noMobile', given: 'Inès', family: 'Simon', civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '20060404' },
  { key: 'noPersonalMail', given: 'Louis', family: 'Michel', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20050623' },
  { key: 'twoStudentNumbers', given: 'Sarah', family: 'Garcia', civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '19991224' },
  { key: 'staff', given: 'Pascal', family: 'Leroy', civility: 'M.', affiliation: 'staff', state: 'active', dateOfBirth: '19750210' },
  { key: 'faculty', given: 'Anne', family: 'Roux', civility: 'Mme', affiliation: 'faculty', state: 'active', dateOfBirth: '19680930' },
  { key: 'external', given: 'Khadija', family: "N'Diaye", civility: 'Mme', affiliation: 'affiliate', state: 'active', dateOfBirth: '19881105' },
  { key: 'homonymA', given: 'Martin', family: 'Dupont', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20040101' },
  { key: 'homonymB', given: 'Martin', family: 'Dupont', civility: 'M.', affiliation: 'student', state: 'active', dateOfBirth: '20060606' },
  { key: 'accented', given: 'Éloïse', family: "Lefèvre-N'Guessan", civility: 'Mme', affiliation: 'student', state: 'active', dateOfBirth: '20031009' },
];
export const NAMED_SPECS: readonly NamedSpec[] = NAMED_SPECS_RAW.map((s) => ({ ...s, login: NAMED_LOGINS[s.key] }));

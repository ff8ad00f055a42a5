import { describe, expect, it } from 'vitest';
import { birthDateCandidates, MAX_BIRTH_DATE_CANDIDATES } from '../../../../src/main/password/birth-date-candidates';
import { birthDateForms } from '../../../../src/shared/password-policy';

describe('date-of-birth candidates in a password', () => {
  it('finds the date in every form the password rules know', () => {
    for (const dob of ['20040315', '19991224', '20020229', '20010818']) {
      for (const form of birthDateForms(dob)) {
        expect(birthDateCandidates(`Xy#${form}!Zq`), form).toContain(dob);
      }
    }
  });

  it('proposes only real dates, none for a password without date-like digits', () => {
    expect(birthDateCandidates('Vrille-Hibou-Tamis-47!')).toEqual([]);
    expect(birthDateCandidates('abc20230230def')).not.toContain('20230230');
    expect(birthDateCandidates('abc20230431def')).not.toContain('20230431');
    expect(birthDateCandidates('x99999999y')).toEqual([]);
    for (const candidate of birthDateCandidates('a15031999-2004/3/15 07.08.65')) expect(candidate).toMatch(/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/);
  });

  it('is bounded for long runs of digits', () => {
    expect(birthDateCandidates('1'.repeat(10) + '0102030405060708091011121314151617181920').length).toBeLessThanOrEqual(MAX_BIRTH_DATE_CANDIDATES);
  });
});

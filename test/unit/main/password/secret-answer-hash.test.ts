import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSecretAnswer, hashSecretAnswer, normalizeSecretAnswer } from '../../../../src/main/password/secret-answer-hash';
import { hashSecretAnswer as fixtureHash } from '../../../../resources/directory/people-generator';

describe('secret answer hash', () => {
  it('normalises case, accents, ligatures, apostrophes and spaces, keeps hyphens', () => {
    expect(normalizeSecretAnswer('  Saint-Étienne ')).toBe('saint-etienne');
    expect(normalizeSecretAnswer('L’HAŸ-LES-ROSES')).toBe("l'hay-les-roses");
    expect(normalizeSecretAnswer('Cœur   de\tLion')).toBe('coeur de lion');
    expect(normalizeSecretAnswer('saint etienne')).not.toBe(normalizeSecretAnswer('saint-etienne'));
  });

  it('checks an answer typed differently, refuses another one and malformed values', () => {
    const stored = hashSecretAnswer('Jean Jaurès');
    expect(stored).toMatch(/^\{SSHA256\}[A-Za-z0-9+/]+=*$/);
    expect(checkSecretAnswer('  JEAN   JAURES ', stored)).toBe(true);
    expect(checkSecretAnswer('Jean Jaures!', stored)).toBe(false);
    expect(checkSecretAnswer('', stored)).toBe(false);
    expect(checkSecretAnswer('Jean Jaurès', '{SSHA}abcd')).toBe(false);
    expect(checkSecretAnswer('Jean Jaurès', '{SSHA256}AAAA')).toBe(false);
    expect(checkSecretAnswer('Jean Jaurès', null)).toBe(false);
    // Salted: the same answer never gives the same value twice.
    expect(hashSecretAnswer('Jean Jaurès')).not.toBe(stored);
  });

  it('reads the values the test directory is generated with, and writes the same format', () => {
    for (const answer of ['Médor', "L'Haÿ-les-Roses", 'Pierre et Marie Curie', 'Maël']) {
      const salt = randomBytes(8);
      expect(hashSecretAnswer(answer, salt)).toBe(fixtureHash(answer, salt));
      expect(checkSecretAnswer(answer.toUpperCase(), fixtureHash(answer, salt))).toBe(true);
    }
  });
});

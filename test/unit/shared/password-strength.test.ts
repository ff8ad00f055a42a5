import { describe, expect, it } from 'vitest';
import { checkPasswordWithStrength, loadStrengthEstimator } from '../../../src/shared/password-strength';
import { BUILT_IN_PROFILES } from '../../../src/shared/password-profiles';
import { generatePassword } from '../../../src/main/password/generate';

const uphf = BUILT_IN_PROFILES.uphf;
const person = { login: 'mlefebvre', givenName: 'Mathilde', familyName: 'Lefebvre', studentIds: ['22098765'] };

// Loading the dictionaries takes a moment on a busy machine.
describe('password strength (zxcvbn, French and common dictionaries)', { timeout: 30_000 }, () => {
  it('loads once and is shared', async () => {
    const [a, b] = await Promise.all([loadStrengthEstimator(), loadStrengthEstimator()]);
    expect(a).toBe(b);
  });

  it('refuses passwords that meet the rules but are easy to guess', async () => {
    for (const weak of ['Valenciennes59!', 'Password1234!', 'Azertyuiop12!', 'Motdepasse1!']) {
      const check = await checkPasswordWithStrength(weak, person, uphf);
      expect(check.failures.map((f) => f.id), weak).toContain('strength');
      expect(check.ok).toBe(false);
    }
  });

  // Issue 15 item 5: each of these met every rule of the UPHF profile and scored 3 (accepted).
  it('refuses a common French word, first name or keyboard row with a year and a symbol, though it scores 3', async () => {
    const accepted = [
      'Marseille2024!',
      'Bonjour2024!!',
      'Soleil2024!!!',
      'Sol3il2024!!',
      'Papillon2024!',
      'Chouchou2024!',
      'Nicolas1990!!',
      'Jetaime2024!!',
      'Azerty2024!!',
      'Wxcvbn2024!!',
      'Qwertz2024!!',
      'Asdfghjkl2024!',
      'Aqwzsx2024!!',
      'Abcdefgh2024!',
    ];
    for (const weak of accepted) {
      const check = await checkPasswordWithStrength(weak, person, uphf);
      expect(check.ok, weak).toBe(false);
      expect(check.failures.map((f) => f.id), weak).toEqual(['not-common']);
    }
  });

  it('uses the person’s own words: the same pattern is weaker with their name', async () => {
    const estimator = await loadStrengthEstimator();
    const withName = estimator.estimate('Lefebvre22098!x', person, uphf);
    const stranger = estimator.estimate('Lefebvre22098!x', { login: 'someone' }, uphf);
    expect(withName.guessesLog10).toBeLessThan(stranger.guessesLog10);
  });

  it('accepts a strong password, and passes the score into the checklist', async () => {
    const check = await checkPasswordWithStrength('hK7#mPq2!vRt9x', person, uphf);
    expect(check.strength?.score).toBe(4);
    expect(check.ok).toBe(true);
    expect(check.rules.find((r) => r.id === 'strength')?.status).toBe('met');
  });

  it('rates generated passwords at the top score', async () => {
    for (let i = 0; i < 30; i += 1) {
      const check = await checkPasswordWithStrength(generatePassword(uphf), person, uphf);
      expect(check.ok).toBe(true);
    }
  });
});

/** The sentence after a password the directory refused for its history: the policy's own count (pwdInHistory, as the card read it), or none when it is not known. */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../../../src/renderer/src/i18n/fr';
import { en } from '../../../src/renderer/src/i18n/en';
import { historyRefusal } from '../../../src/renderer/src/components/desk-words';
import type { AppError } from '../../../src/shared/result';

beforeAll(async () => {
  await i18next.init({ lng: 'fr', resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

const refused: AppError = { code: 'POLICY_VIOLATION', message: 'the directory refused a password used recently', details: { reason: 'history' } };

describe('historyRefusal', () => {
  it('says the number of former passwords the directory refuses', () => {
    expect(historyRefusal(refused, 5)).toBe(' Ce mot de passe fait partie des 5 derniers utilisés : la personne doit en choisir un autre.');
    expect(historyRefusal(refused, 1)).toBe(' Ce mot de passe est le dernier utilisé : la personne doit en choisir un autre.');
  });

  it('says no number when the policy was not read (not a made-up 3)', () => {
    expect(historyRefusal(refused, null)).toBe(' Ce mot de passe fait partie des derniers utilisés : la personne doit en choisir un autre.');
    expect(historyRefusal(refused, null)).not.toMatch(/\d/);
  });

  it('adds nothing to another refusal', () => {
    expect(historyRefusal({ ...refused, details: { reason: 'rules' } }, 5)).toBe('');
    expect(historyRefusal({ code: 'DIRECTORY_UNAVAILABLE', message: 'down' }, 5)).toBe('');
  });

  it('in English too', async () => {
    await i18next.changeLanguage('en');
    expect(historyRefusal(refused, 4)).toBe(' This password is one of the last 4 used: the person must choose another.');
    await i18next.changeLanguage('fr');
  });
});

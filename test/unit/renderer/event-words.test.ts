import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../../src/shared/audit-events';
import { fr } from '../../../src/renderer/src/i18n/fr';
import { en } from '../../../src/renderer/src/i18n/en';
import { changeLines, detailLines, filterWords } from '../../../src/renderer/src/features/audit/event-words';
import { anchorAlarmText } from '../../../src/shared/audit-forwarding';
import { ACTION_COLOURS, actionStyle } from '../../../src/renderer/src/features/audit/action-styles';
import { AUDIT_ACTIONS } from '../../../src/shared/audit-events';

let t: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const make = async (lng: 'fr' | 'en') => {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });
    return instance.t.bind(instance) as TFunction;
  };
  t = await make('fr');
  tEn = await make('en');
});

const base = { seq: 7, at: '2026-12-01T10:00:00.000Z', outcome: 'success', pending: false, intentSeq: 6, agent: { login: 'mdurand', displayName: 'Marie Durand' }, workstation: 'W', target: { login: 'jdupont', dn: null }, evidence: ['student-card'], directoryCode: 0, comment: null, prevHash: '0'.repeat(64), hash: '1'.repeat(64) } as const;
const event = (e: Pick<AuditEventView, 'action' | 'details'>) => ({ ...base, ...e }) as unknown as AuditEventView;

describe('an audit event in words', () => {
  it('changes read "field: before → after", consents as each given or withdrawn, booleans as oui/non', () => {
    expect(
      changeLines(t, {
        consents: { before: ['{SMS}ALERTES', '{APPLI:X}CGU'], after: ['{APPLI:X}CGU', '{PHOTO}TROMBINOSCOPE'] },
        mobile: { before: null, after: '06******78' },
        locked: { before: true, after: false },
      }),
    ).toEqual([
      'alertes SMS : acceptée → refusée',
      'photo (trombinoscopes) : refusée → acceptée',
      'téléphone mobile : (vide) → 06******78',
      'compte bloqué : oui → non',
    ]);
    expect(changeLines(tEn, { consents: { before: [], after: ['{PHOTO}TROMBINOSCOPE'] } })).toEqual(['photo (yearbooks): refused → accepted']);
  });

  it('each action’s details in plain terms, never a raw key or a JSON boolean', () => {
    const samples: Array<Pick<AuditEventView, 'action' | 'details'>> = [
      { action: 'password-reset', details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true } },
      { action: 'verification-attempt', details: { method: 'date-of-birth', matched: false, attempt: 2 } },
      { action: 'sign-in', details: { mode: 'offline', role: 'supervisor' } },
      { action: 'notification-failed', details: { channel: 'mail', recipient: 'j***@e***.fr', purpose: 'password-reset', reason: 'timeout' } },
      { action: 'audit-viewed', details: { view: 'review', filter: { agentPrefix: 'md', action: 'password-reset', hasText: true } } },
      { action: 'activation-step', details: { step: 'charter-accepted' } },
      { action: 'audit-anchor-alarm', details: { kind: 'shorter', centralSeq: 1200, centralHash: 'a'.repeat(64), localSeq: 900, localHash: 'b'.repeat(64), centralState: 'ok' } },
    ];
    const text = samples.map((s) => detailLines(t, event(s)).map((l) => `${l.label}: ${l.value}`));
    expect(text).toEqual([
      ['Ce qui a été fait: mot de passe provisoire affiché au guichet', 'Changement exigé à la prochaine connexion: oui'],
      ['Méthode: identifiant et date de naissance', 'Résultat: non concordant', 'Ce qui a été fait: Essai n° 2'],
      ['Ce qui a été fait: connexion hors ligne (vérificateur local)', 'Rôle: superviseur·e'],
      ['Ce qui a été fait: réinitialisation du mot de passe (courriel)', 'Destinataire (masqué): j***@e***.fr', 'Résultat: délai dépassé'],
      ['Ce qui a été fait: Consultation du journal : le journal des actions', 'Filtre utilisé: agents commençant par md, action « Réinitialisation du mot de passe », texte libre (non enregistré)'],
      ['Ce qui a été fait: charte acceptée'],
      [`Ce qui a été fait: ${anchorAlarmText({ state: 'alarm', kind: 'shorter', centralSeq: 1200, localSeq: 900, checkedAt: null })}`],
    ]);
    expect(text.at(-1)![0]).toMatch(/plus court/);
    for (const line of text.flat()) expect(line).not.toMatch(/true|false|journal\.|[a-z]+-[a-z]+-[a-z]+/);
    expect(filterWords(t, {})).toBe('aucun');
  });

  it('a second factor enrolled, replaced or removed: what the desk did and what a failure leaves in place', () => {
    const enrol = (replaced: boolean) => event({ action: 'second-factor-enrol', details: { replaced, kind: 'totp', digits: 6, periodSeconds: 30, algorithm: 'SHA1', changes: { secondFactor: { before: replaced ? 'totp' : 'none', after: 'totp' } } } });
    const removal = event({ action: 'second-factor-remove', details: { reason: 'lost-device', changes: { secondFactor: { before: 'totp', after: 'none' } } } });
    const words = (e: AuditEventView, tr = t) => detailLines(tr, e).map((l) => `${l.label}: ${l.value}`);
    expect(words(enrol(false))).toEqual(['Ce qui a été fait: nouvel appareil enregistré', 'Paramètres: TOTP, 6 chiffres, 30 s, SHA-1']);
    expect(words(enrol(true))).toEqual(['Ce qui a été fait: appareil remplacé (en cas d’échec, l’ancien reste en service)', 'Paramètres: TOTP, 6 chiffres, 30 s, SHA-1']);
    expect(words(removal)).toEqual(['Ce qui a été fait: appareil perdu ou changé : retiré (en cas d’échec, il reste en service)']);
    expect(words(removal, tEn)).toEqual(['What was done: lost or changed device removed (on failure it stays in use)']);
    expect(changeLines(t, { secondFactor: { before: 'totp', after: 'none' } })).toEqual(['double authentification : application d’authentification (TOTP) → aucune']);
  });
});

describe('chart styles', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  it('a suspension, reactivation or extension says its reason, the agent’s precisions and whether the person was there and verified, in French and English', () => {
    const labels = (action: string, code: string) => (action === 'account-suspend' && code === 'fraud-suspected' ? 'Usurpation d’identité suspectée' : null);
    const lines = (e: Pick<AuditEventView, 'action' | 'details'>, tr = t) => detailLines(tr, event(e), 'fr', labels).map((l) => `${l.label}: ${l.value}`);
    expect(lines({ action: 'account-suspend', details: { reason: 'fraud-suspected', person: 'absent', ticket: 'INC0000042' } })).toEqual([
      'Ce qui a été fait: compte suspendu',
      'Motif: Usurpation d’identité suspectée',
      'La personne: n’était pas au guichet (identité non vérifiée)',
    ]);
    // A code the configuration no longer offers is shown as stored; the agent's words come with it.
    expect(lines({ action: 'account-reactivate', details: { reason: 'old-code', reasonText: 'dossier régularisé', person: 'present-verified' } })).toEqual([
      'Ce qui a été fait: compte réactivé',
      'Motif: old-code',
      'Précisions de l’agent: dossier régularisé',
      'La personne: était au guichet, identité vérifiée',
    ]);
    expect(lines({ action: 'validity-extend', details: { reason: 'enrolment-pending', person: 'present-unverified' } }, tEn)).toEqual([
      'What was done: account validity extended',
      'Reason: enrolment-pending',
      'The person: was at the desk, identity not verified',
    ]);
  });

  it('a card opened from a worklist names the list', () => {
    const words = (details: Record<string, unknown>, tr = t) => detailLines(tr, event({ action: 'account-viewed', details } as never)).map((l) => `${l.label}: ${l.value}`);
    expect(words({ source: 'worklist', list: 'locked' })).toEqual(['Ce qui a été fait: Fiche ouverte depuis la liste de travail « Verrouillés en ce moment »']);
    expect(words({ source: 'worklist', list: 'locked' }, tEn)[0]).toMatch(/^What was done: Card opened from the worklist “.+”$/);
    expect(words({ source: 'worklist', list: 'gone-list' })).toEqual(['Ce qui a été fait: Fiche ouverte depuis la liste de travail « gone-list »']);
    expect(words({})).toEqual([]);
  });

  it('every action has its own colour, at least 3:1 against white, and a pattern besides', () => {
    const colours = AUDIT_ACTIONS.map((a) => actionStyle(a).colour);
    expect(new Set(colours).size).toBe(AUDIT_ACTIONS.length);
    for (const colour of Object.values(ACTION_COLOURS)) expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(3);
    const looks = AUDIT_ACTIONS.map((a) => `${actionStyle(a).colour}/${actionStyle(a).pattern}`);
    expect(new Set(looks).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set(AUDIT_ACTIONS.map((a) => actionStyle(a).pattern)).size).toBe(4);
  });
});

/** The desk model's verdicts in the interface language: evidence options, action lists, why an action is off and who can help. */
import i18next from 'i18next';
import type { Fixer } from '../../../shared/account-standing';
import type { Blocker, DeskAction } from '../../../shared/desk-actions';
import type { MethodView } from '../../../shared/desk-view';
import type { EvidenceKind } from '../../../shared/verification';
import type { AppError } from '../../../shared/result';

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key as never, options as never) as unknown as string;

/** "Pièce d’identité, ou Identifiant + date de naissance + Code par courriel personnel". */
export function evidenceOptions(missing: readonly (readonly EvidenceKind[])[]): string {
  return missing.map((set) => set.map((k) => t(`verify.evidence.${k}`)).join(t('desk.and'))).join(t('desk.or'));
}

export function actionList(actions: readonly DeskAction[]): string {
  return actions.map((a) => t(`desk.actions.${a}`)).join(t('desk.list'));
}

/**
 * After the directory refused a password for its history, the sentence that follows the error:
 * how many former passwords it refuses when the card read its policy (pwdInHistory), no number
 * otherwise; '' for any other error.
 */
export function historyRefusal(error: AppError, count: number | null): string {
  if (error.details?.['reason'] !== 'history') return '';
  return ` ${count ? t('actions.historyRefusedCount', { count }) : t('actions.historyRefused')}`;
}

export function whoCan(fixer: Fixer | null): string {
  return fixer ? t('desk.whoCan', { fixer: t(`desk.fixers.${fixer}`) }) : '';
}

/** Why the methods that would serve cannot be used: for an action no proof can complete. */
export function unavailableWhy(methods: Record<EvidenceKind, MethodView>): string {
  return Object.values(methods)
    .filter((m) => m.shown && m.problem && m.problem !== 'blocked' && m.problem !== 'no-action')
    .map((m) => `${t(`verify.evidence.${m.kind}`)} — ${t(`desk.methods.${m.problem}`)}`)
    .join(' ');
}

/** One sentence for what stands in the way of an action (and who can change it). */
export function blockerText(blocker: Blocker, methods: Record<EvidenceKind, MethodView>): string {
  switch (blocker.kind) {
    case 'account':
      return [t(`desk.blocked.${blocker.reason}`), whoCan(blocker.fixer)].filter(Boolean).join(' ');
    case 'role':
      return t(`desk.role.${blocker.reason}`);
    case 'verification':
      if (blocker.reason === 'expired') return t('desk.verification.expired');
      if (blocker.reason === 'impossible') return t('desk.verification.impossible', { why: unavailableWhy(methods) });
      return t(`desk.verification.${blocker.reason}`, { options: evidenceOptions(blocker.missing) });
  }
}

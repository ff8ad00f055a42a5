/** What the screen is told of the desk's rules (app:status): the notes each form asks for, the lifecycle actions' roles, reasons and bounds. */
import type { DeskRules } from '../../shared/contract/lifecycle';
import { LIFECYCLE_ACTIONS, type LifecycleAction } from '../../shared/lifecycle-actions';
import type { GuichetConfig } from '../config/schema';
import { reasonsOf } from '../lifecycle/lifecycle-config';
import { deskNoteRules } from './desk-note-guard';

export function deskRulesOf(config: Pick<GuichetConfig, 'audit' | 'lifecycle'>): DeskRules {
  const lc = config.lifecycle;
  const reasons = Object.fromEntries(
    LIFECYCLE_ACTIONS.map((a) => [a, reasonsOf(lc, a).map((r) => ({ code: r.code, label: r.label, labelEn: r.labelEn ?? null, needsText: r.needsText }))]),
  ) as DeskRules['lifecycle']['reasons'];
  return {
    notes: deskNoteRules(config.audit),
    lifecycle: { roles: { ...lc.roles }, reasons, maxExtensionDays: lc.maxExtensionDays, notify: [...lc.notify] as LifecycleAction[] },
  };
}

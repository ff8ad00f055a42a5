/**
 * How each audit action is drawn in the charts: its own colour (none shared, each at least 3:1
 * against the white background, WCAG 1.4.11) and a pattern, so that two actions are never told
 * apart by colour alone (RGAA 3.1); the legend and the data table name them in words.
 */
import { AUDIT_ACTIONS, type AuditAction } from '../../../../shared/audit-events';

export type ChartPattern = 'solid' | 'stripes' | 'dots' | 'cross';

export const ACTION_COLOURS: Record<AuditAction, string> = {
  'sign-in': '#1d4ed8',
  'sign-in-refused': '#b91c1c',
  'sign-out': '#475569',
  'idle-lock': '#92400e',
  'session-resumed': '#0f766e',
  'account-viewed': '#4338ca',
  'verification-attempt': '#16a34a',
  'password-reset': '#c2410c',
  'password-change': '#831843',
  'account-unlock': '#15803d',
  'login-revealed': '#0369a1',
  activation: '#a21caf',
  'activation-step': '#be185d',
  'consent-change': '#4d7c0f',
  'notification-sent': '#0e7490',
  'notification-failed': '#9f1239',
  'audit-viewed': '#57534e',
  'audit-exported': '#854d0e',
  'retention-purge': '#1e293b',
  'audit-key-unavailable': '#7f1d1d',
  'integrity-alarm': '#6b21a8',
  'account-suspend': '#991b1b',
  'account-reactivate': '#166534',
  'validity-extend': '#1e40af',
  'worklist-viewed': '#3f6212',
  'worklist-exported': '#78350f',
  'second-factor-enrol': '#065f46',
  'second-factor-remove': '#7c2d12',
  'audit-anchor-alarm': '#881337',
};

const PATTERNS: readonly ChartPattern[] = ['solid', 'stripes', 'dots', 'cross'];

export interface ActionStyle {
  colour: string;
  pattern: ChartPattern;
  /** The SVG pattern's id (the charts define one per action). */
  patternId: string;
}

export function actionStyle(action: AuditAction): ActionStyle {
  return {
    colour: ACTION_COLOURS[action],
    pattern: PATTERNS[AUDIT_ACTIONS.indexOf(action) % PATTERNS.length]!,
    patternId: `audit-pattern-${action}`,
  };
}

/**
 * The agent's note on a desk action: a comment and a ticket reference, each optional unless
 * the configuration requires it for the action (audit.requireComment, audit.requireTicket),
 * and a ticket in the institution's format (audit.ticketPattern). Pure: the form says what
 * is required before the agent submits, and main refuses the same notes (desk/desk-note-guard.ts).
 */
import { TICKET_SHAPE, type AuditAction } from './audit-events';
import type { DeskAction } from './desk-actions';

/** What the configuration asks of notes, as main sends it to the screen (app:status). */
export interface DeskNoteRules {
  requireComment: readonly AuditAction[];
  requireTicket: readonly AuditAction[];
  /** A regular expression source (e.g. `^INC\d{7}$`), or null: any reference of the generic shape. */
  ticketPattern: string | null;
  /** What the pattern looks like, for the hint (e.g. `INC0012345`); null without a pattern. */
  ticketExample: string | null;
}

export const NO_NOTE_RULES: DeskNoteRules = { requireComment: [], requireTicket: [], ticketPattern: null, ticketExample: null };

export { TICKET_SHAPE };
export const COMMENT_MAX = 1_000;

/** What one action asks of its note. */
export interface NoteRequirement {
  comment: boolean;
  ticket: boolean;
  ticketPattern: string | null;
  ticketExample: string | null;
}

/** The trail events each desk action writes with the agent's note: any of them requiring a comment requires it of the form. */
export const DESK_NOTE_ACTIONS: Readonly<Record<DeskAction | 'self-change', readonly AuditAction[]>> = {
  'self-change': ['password-change'],
  'reset-generated': ['password-reset'],
  'reset-chosen': ['password-reset'],
  unlock: ['account-unlock'],
  'reveal-login': ['login-revealed'],
  activation: ['activation', 'activation-step', 'consent-change'],
  'consent-change': ['consent-change'],
  'second-factor-enrol': ['second-factor-enrol'],
  'second-factor-remove': ['second-factor-remove'],
};

/** What a form writing these trail events asks of its note. */
export function noteRequirement(rules: DeskNoteRules, actions: readonly AuditAction[]): NoteRequirement {
  return {
    comment: actions.some((a) => rules.requireComment.includes(a)),
    ticket: actions.some((a) => rules.requireTicket.includes(a)),
    ticketPattern: rules.ticketPattern,
    ticketExample: rules.ticketExample,
  };
}

/** What a note serving several forms asks of one field: required by every form, by some of them (these trail events), or by none. */
export interface FieldDemand {
  required: 'always' | 'some' | 'never';
  /** The trail events that require the field, in the forms' order. */
  by: AuditAction[];
}

/** What the card's one note asks of each field, for the forms offered on the card (each form: the trail events it writes). */
export function noteDemand(rules: DeskNoteRules, forms: readonly (readonly AuditAction[])[]): { comment: FieldDemand; ticket: FieldDemand } {
  const demand = (required: readonly AuditAction[]): FieldDemand => {
    const asking = forms.map((form) => form.some((a) => required.includes(a)));
    const by = [...new Set(forms.flat().filter((a) => required.includes(a)))];
    return { required: asking.length > 0 && asking.every(Boolean) ? 'always' : asking.some(Boolean) ? 'some' : 'never', by };
  };
  return { comment: demand(rules.requireComment), ticket: demand(rules.requireTicket) };
}

export interface DeskNote {
  comment?: string | undefined;
  ticket?: string | undefined;
}

export type NoteProblem = { field: 'comment'; reason: 'required' } | { field: 'ticket'; reason: 'required' | 'format' };

/** The pattern as a RegExp; a pattern that does not compile is refused by the configuration's schema. */
function ticketRegExp(pattern: string | null): RegExp {
  if (!pattern) return TICKET_SHAPE;
  try {
    return new RegExp(pattern);
  } catch {
    return TICKET_SHAPE;
  }
}

/** Is this reference a ticket in the institution's format? Always the generic shape too. */
export function ticketAccepted(ticket: string, pattern: string | null): boolean {
  return TICKET_SHAPE.test(ticket) && ticketRegExp(pattern).test(ticket);
}

/** The note as it goes to the trail: trimmed, blanks dropped. */
export function cleanNote(note: DeskNote): { comment: string | null; ticket: string | null } {
  const comment = note.comment?.trim() ? note.comment.trim() : null;
  const ticket = note.ticket?.trim() ? note.ticket.trim() : null;
  return { comment, ticket };
}

/** Everything wrong with a note for this requirement, in the order of the form's fields. */
export function noteProblems(requirement: NoteRequirement, note: DeskNote): NoteProblem[] {
  const { comment, ticket } = cleanNote(note);
  const problems: NoteProblem[] = [];
  if (requirement.comment && comment === null) problems.push({ field: 'comment', reason: 'required' });
  if (ticket === null) {
    if (requirement.ticket) problems.push({ field: 'ticket', reason: 'required' });
  } else if (!ticketAccepted(ticket, requirement.ticketPattern)) problems.push({ field: 'ticket', reason: 'format' });
  return problems;
}

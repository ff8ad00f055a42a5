/**
 * Main's side of the agent's note: the configuration's rules as the screen receives them, and
 * the check every desk action makes before anything is written, by the very rules the form
 * shows (shared/desk-note.ts). A note the configuration requires and the request lacks is
 * INVALID_REQUEST naming the field, so the form can point at it.
 */
import type { AuditAction } from '../../shared/audit-events';
import { cleanNote, noteProblems, noteRequirement, type DeskNote, type DeskNoteRules } from '../../shared/desk-note';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';

export function deskNoteRules(audit: GuichetConfig['audit']): DeskNoteRules {
  return {
    requireComment: audit.requireComment,
    requireTicket: audit.requireTicket,
    ticketPattern: audit.ticketPattern ?? null,
    ticketExample: audit.ticketExample ?? null,
  };
}

/** What goes to the trail: the comment for the envelope, the ticket for the details. */
export interface CheckedNote {
  comment: string | null;
  /** Spread into the details of each event the action writes. */
  ticket: { ticket?: string };
}

/** The note, checked against what `actions` require; throws INVALID_REQUEST {field, reason} otherwise. */
export function checkedNote(rules: DeskNoteRules, actions: readonly AuditAction[], note: DeskNote): CheckedNote {
  const problems = noteProblems(noteRequirement(rules, actions), note);
  const problem = problems[0];
  if (problem)
    throw new GuichetError('INVALID_REQUEST', `${problem.field}: ${problem.reason}`, { field: problem.field, reason: problem.reason, action: actions[0], problems });
  const { comment, ticket } = cleanNote(note);
  return { comment, ticket: ticket ? { ticket } : {} };
}

/** How every desk action that writes with the agent's note opens: the desk on the DN, the verification its action needs (if any), then the note, before anything is read or written. */
import type { AuditAction, VerificationMethod } from '../../shared/audit-events';
import type { DeskAction } from '../../shared/desk-actions';
import { DESK_NOTE_ACTIONS, type DeskNote, type DeskNoteRules } from '../../shared/desk-note';
import type { GuichetConfig } from '../config/schema';
import type { VerificationStore } from '../verification/verification-store';
import type { DeskContext, OpenDesk } from './desk-context';
import { checkedNote, deskNoteRules, type CheckedNote } from './desk-note-guard';

export interface DeskOpening {
  ctx: DeskContext;
  /** The evidence the verification rests on; empty for an action opened without one. */
  methods: VerificationMethod[];
  note: CheckedNote;
}

/**
 * Throws what the form would have said first: the desk's refusal, the verification's (for
 * `verify.action`), then the note's against what `noteActions` require (INVALID_REQUEST naming the field).
 */
export async function openDeskAction(
  deps: { openDesk: OpenDesk; noteRules: DeskNoteRules },
  request: { dn: string } & DeskNote,
  noteActions: readonly AuditAction[],
  verify?: { by: Pick<VerificationStore, 'require'>; action: DeskAction },
): Promise<DeskOpening> {
  const ctx = await deps.openDesk(request.dn);
  const methods = verify ? verify.by.require(ctx.verificationSubject, ctx.deskAgent, verify.action).methods : [];
  return { ctx, methods, note: checkedNote(deps.noteRules, noteActions, request) };
}

/** A desk action that needs its own verification and writes with the note rules of `config.audit` (password, second factor). */
export function openVerifiedAction(
  deps: { openDesk: OpenDesk; verification: Pick<VerificationStore, 'require'>; config: Pick<GuichetConfig, 'audit'> },
  request: { dn: string } & DeskNote,
  action: Exclude<DeskAction, 'activation'>,
): Promise<DeskOpening> {
  return openDeskAction({ openDesk: deps.openDesk, noteRules: deskNoteRules(deps.config.audit) }, request, DESK_NOTE_ACTIONS[action], { by: deps.verification, action });
}

/** Shared UI: the agent's comment and ticket reference on an action form; says before submitting which are required (audit.requireComment / requireTicket) and the ticket's format, and each problem next to its field. */
import { useTranslation } from 'react-i18next';
import type { AuditAction } from '../../../shared/audit-events';
import { COMMENT_MAX, NO_NOTE_RULES, noteRequirement } from '../../../shared/desk-note';
import { useStore } from '../store';

export function DeskNoteFields({ actions, idPrefix }: { actions: readonly AuditAction[]; idPrefix: string }) {
  const { t } = useTranslation();
  const rules = useStore((s) => s.status?.desk.notes ?? NO_NOTE_RULES);
  const note = useStore((s) => s.deskNote);
  const problems = useStore((s) => s.noteProblems);
  const setNote = useStore((s) => s.setDeskNote);
  const requirement = noteRequirement(rules, actions);
  const commentProblem = problems.find((p) => p.field === 'comment');
  const ticketProblem = problems.find((p) => p.field === 'ticket');
  const hint = requirement.ticketExample ? t('note.ticketExample', { example: requirement.ticketExample }) : t('note.ticketAny');
  return (
    <fieldset className="desk-note" data-testid={`${idPrefix}-note`}>
      <legend>{t('note.legend')}</legend>
      <label htmlFor={`${idPrefix}-comment`}>
        {t('note.comment')} {requirement.comment ? <strong>{t('note.required')}</strong> : <span className="muted">{t('note.optional')}</span>}
      </label>
      <textarea
        id={`${idPrefix}-comment`}
        rows={2}
        maxLength={COMMENT_MAX}
        value={note.comment}
        required={requirement.comment}
        aria-invalid={commentProblem ? true : undefined}
        aria-describedby={commentProblem ? `${idPrefix}-comment-problem` : undefined}
        onChange={(e) => setNote({ comment: e.target.value })}
      />
      {commentProblem && (
        <span className="error small" id={`${idPrefix}-comment-problem`} role="alert">
          {t('note.problem.commentRequired')}
        </span>
      )}
      <label htmlFor={`${idPrefix}-ticket`}>
        {t('note.ticket')} {requirement.ticket ? <strong>{t('note.required')}</strong> : <span className="muted">{t('note.optional')}</span>}
      </label>
      <input
        id={`${idPrefix}-ticket`}
        className="mono"
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
        value={note.ticket}
        required={requirement.ticket}
        aria-invalid={ticketProblem ? true : undefined}
        aria-describedby={`${idPrefix}-ticket-hint${ticketProblem ? ` ${idPrefix}-ticket-problem` : ''}`}
        onChange={(e) => setNote({ ticket: e.target.value })}
      />
      <span className="small muted" id={`${idPrefix}-ticket-hint`}>
        {hint}
      </span>
      {ticketProblem && (
        <span className="error small" id={`${idPrefix}-ticket-problem`} role="alert">
          {ticketProblem.reason === 'required' ? t('note.problem.ticketRequired') : t('note.problem.ticketFormat', { hint })}
        </span>
      )}
    </fieldset>
  );
}

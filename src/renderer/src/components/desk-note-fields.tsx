/**
 * Shared UI: the agent's comment and ticket reference, drawn once per card (or per dialog or
 * wizard that covers it) for every form it serves; says before submitting which field each
 * form requires (audit.requireComment / requireTicket) and the ticket's format, each problem
 * next to its field (focus goes there: the form tried may be further down the card). NoteRef
 * is the line by a form far from the card's note that says what that form asks of it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction } from '../../../shared/audit-events';
import { COMMENT_MAX, NO_NOTE_RULES, noteDemand, type FieldDemand } from '../../../shared/desk-note';
import { useStore } from '../store';

/** The id prefix of the card's one note (the desk actions panel draws it; the other panels point to it). */
export const CARD_NOTE = 'actions';

type Forms = readonly (readonly AuditAction[])[];

function useDemand(forms: Forms) {
  const rules = useStore((s) => s.status?.desk.notes ?? NO_NOTE_RULES);
  return { ...noteDemand(rules, forms), ticketExample: rules.ticketExample };
}

/** "(obligatoire)", "(obligatoire) pour : Réinitialisation du mot de passe", or "(facultatif)". */
function Marker({ demand }: { demand: FieldDemand }) {
  const { t } = useTranslation();
  if (demand.required === 'never') return <span className="muted">{t('note.optional')}</span>;
  return (
    <>
      <strong>{t('note.required')}</strong>
      {demand.required === 'some' && <span className="muted"> {t('note.requiredFor', { actions: demand.by.map((a) => t(`auditActions.${a}`)).join(', ') })}</span>}
    </>
  );
}

/** The note's fields for these forms (each form: the trail events it writes). */
export function DeskNoteFields({ forms, idPrefix }: { forms: Forms; idPrefix: string }) {
  const { t } = useTranslation();
  const demand = useDemand(forms);
  const note = useStore((s) => s.deskNote);
  const problems = useStore((s) => s.noteProblems);
  const setNote = useStore((s) => s.setDeskNote);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const ticketRef = useRef<HTMLInputElement>(null);
  const commentProblem = problems.find((p) => p.field === 'comment');
  const ticketProblem = problems.find((p) => p.field === 'ticket');
  const hint = demand.ticketExample ? t('note.ticketExample', { example: demand.ticketExample }) : t('note.ticketAny');
  // A refusal takes the agent to the field it is about (behind an open dialog the card's fields are inert and stay put).
  useEffect(() => {
    const first = problems[0]?.field;
    if (first) (first === 'comment' ? commentRef : ticketRef).current?.focus();
  }, [problems]);
  return (
    <fieldset className="desk-note" data-testid={`${idPrefix}-note`}>
      <legend>{t('note.legend')}</legend>
      <label htmlFor={`${idPrefix}-comment`}>
        {t('note.comment')} <Marker demand={demand.comment} />
      </label>
      <textarea
        ref={commentRef}
        id={`${idPrefix}-comment`}
        rows={2}
        maxLength={COMMENT_MAX}
        value={note.comment}
        required={demand.comment.required === 'always'}
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
        {t('note.ticket')} <Marker demand={demand.ticket} />
      </label>
      <input
        ref={ticketRef}
        id={`${idPrefix}-ticket`}
        className="mono"
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
        value={note.ticket}
        required={demand.ticket.required === 'always'}
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

const COMMENT_WORDS = { always: 'note.refer.comment.always', some: 'note.refer.comment.some', never: 'note.refer.comment.never' } as const;
const TICKET_WORDS = { always: 'note.refer.ticket.always', some: 'note.refer.ticket.some', never: 'note.refer.ticket.never' } as const;

/** By a form that writes with the card's note: what it asks of the note, and a way to it. */
export function NoteRef({ forms, id }: { forms: Forms; id?: string }) {
  const { t } = useTranslation();
  const demand = useDemand(forms);
  const words = (d: FieldDemand) => ({ actions: d.by.map((a) => t(`auditActions.${a}`)).join(', ') });
  return (
    <p className="small muted note-ref" id={id}>
      {t('note.refer.line', { comment: t(COMMENT_WORDS[demand.comment.required], words(demand.comment)), ticket: t(TICKET_WORDS[demand.ticket.required], words(demand.ticket)) })}{' '}
      <button type="button" className="link-button" onClick={() => document.getElementById(`${CARD_NOTE}-comment`)?.focus()}>
        {t('note.refer.goTo')}
      </button>
    </p>
  );
}

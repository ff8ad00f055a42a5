/** The agent's note on the open account's next action: a comment and a ticket reference, checked by the rules main enforces (shared/desk-note.ts) before anything is sent. */
import type { AuditAction } from '../../../../shared/audit-events';
import { cleanNote, NO_NOTE_RULES, noteProblems, noteRequirement, type DeskNote, type NoteProblem } from '../../../../shared/desk-note';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';

export interface DeskNoteSlice {
  deskNote: { comment: string; ticket: string };
  /** What is wrong with the note for the action just tried (shown next to each field); empty when nothing. */
  noteProblems: NoteProblem[];
  setDeskNote: (patch: Partial<{ comment: string; ticket: string }>) => void;
  /** The note for these trail events, or null (and the problems shown) when it does not meet the rules. */
  noteFor: (actions: readonly AuditAction[]) => DeskNote | null;
  /** After a successful action: the next one starts with a blank note. */
  clearDeskNote: () => void;
}

export const emptyDeskNote = { deskNote: { comment: '', ticket: '' }, noteProblems: [] as NoteProblem[] } satisfies Partial<DeskNoteSlice>;

export const deskNoteSlice: FeatureSlice<DeskNoteSlice, keyof typeof emptyDeskNote> = {
  empty: emptyDeskNote,
  kept: {},
  clear: clearedWithAccount(emptyDeskNote),
  create: () => (set, get) => ({
    ...emptyDeskNote,
    setDeskNote(patch) {
      set({ deskNote: { ...get().deskNote, ...patch }, noteProblems: [] });
    },
    noteFor(actions) {
      const rules = get().status?.desk.notes ?? NO_NOTE_RULES;
      const problems = noteProblems(noteRequirement(rules, actions), get().deskNote);
      set({ noteProblems: problems });
      if (problems.length > 0) return null;
      const { comment, ticket } = cleanNote(get().deskNote);
      return { ...(comment ? { comment } : {}), ...(ticket ? { ticket } : {}) };
    },
    clearDeskNote() {
      set(emptyDeskNote);
    },
  }),
};

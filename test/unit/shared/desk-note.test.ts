/** The card's one note serving several forms: what each field asks, said before the agent submits (shared/desk-note.ts). */
import { describe, expect, it } from 'vitest';
import { DESK_NOTE_ACTIONS, NO_NOTE_RULES, noteDemand, type DeskNoteRules } from '../../../src/shared/desk-note';

const rules: DeskNoteRules = { ...NO_NOTE_RULES, requireComment: ['password-reset'], requireTicket: ['password-reset', 'consent-change'] };

describe('noteDemand', () => {
  it('a field every form on the card requires is required, with no list', () => {
    const demand = noteDemand(rules, [DESK_NOTE_ACTIONS['reset-generated'], DESK_NOTE_ACTIONS['reset-chosen']]);
    expect(demand.comment).toEqual({ required: 'always', by: ['password-reset'] });
  });

  it('a field only some forms require names the trail events that do, once each', () => {
    const demand = noteDemand(rules, [DESK_NOTE_ACTIONS['reset-generated'], DESK_NOTE_ACTIONS['reset-chosen'], DESK_NOTE_ACTIONS.unlock, DESK_NOTE_ACTIONS['consent-change']]);
    expect(demand.comment).toEqual({ required: 'some', by: ['password-reset'] });
    expect(demand.ticket).toEqual({ required: 'some', by: ['password-reset', 'consent-change'] });
  });

  it('a form writing several events asks for the field when any of them does (the activation and its consents)', () => {
    const demand = noteDemand(rules, [DESK_NOTE_ACTIONS.activation]);
    expect(demand.ticket).toEqual({ required: 'always', by: ['consent-change'] });
    expect(demand.comment).toEqual({ required: 'never', by: [] });
  });

  it('no form, or no rule: nothing is required', () => {
    expect(noteDemand(rules, []).comment.required).toBe('never');
    expect(noteDemand(NO_NOTE_RULES, [DESK_NOTE_ACTIONS['reset-generated']]).ticket).toEqual({ required: 'never', by: [] });
  });
});

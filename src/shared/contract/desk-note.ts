/**
 * The note every desk action's request carries: the agent's comment and a ticket reference.
 * One definition for every form (resets, unlock, login reminder, consents, activation, second
 * factor, lifecycle): `z.strictObject({ dn, ...deskNoteFields })`. Here only the generic shape;
 * whether the action requires them and the institution's ticket format are main's to check
 * (shared/desk-note.ts, the same rules the form shows). A blank ticket is no ticket.
 */
import { z } from 'zod';
import { TICKET_SHAPE } from '../desk-note';
import { commentField } from './define';

/** The generic shape, or blank (a blank ticket is no ticket). A regex, not a refinement, so the shape is visible to schema readers. */
const TICKET_OR_BLANK = new RegExp(`^(?:${TICKET_SHAPE.source.slice(1, -1)})?$`);

export const ticketField = z.string().trim().max(64).regex(TICKET_OR_BLANK, { message: 'a ticket reference: letters, digits and . _ / # : -' }).optional();

export const deskNoteFields = { comment: commentField, ticket: ticketField };

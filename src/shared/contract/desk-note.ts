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

export const ticketField = z
  .string()
  .trim()
  .max(64)
  .refine((value) => value === '' || TICKET_SHAPE.test(value), { message: 'a ticket reference: letters, digits and . _ / # : -' })
  .optional();

export const deskNoteFields = { comment: commentField, ticket: ticketField };

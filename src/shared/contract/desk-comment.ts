/** The agent's optional comment on a desk action, as the trail stores it: no control character (the audit record would refuse it after the action's checks). */
import { z } from 'zod';
import { NO_CONTROL } from '../audit-events';

export const deskComment = z.string().trim().max(1_000).regex(NO_CONTROL, 'control character').optional();

/** How one channel's contract is declared: a zod request schema and a phantom response type; the fields several channels share. */
import { z } from 'zod';
import { NO_CONTROL, wellFormed } from '../audit-events';

/** A channel's contract: the zod schema its request must pass and the type it answers. */
export interface ChannelContract<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom field carrying the response type; never set at run time. */
  readonly response?: Res;
}

export const channel = <Req extends z.ZodType>(request: Req) => ({
  returns: <Res>(): ChannelContract<Req, Res> => ({ request }),
});

/**
 * The agent's comment on a desk action: it goes into the trail as typed (trimmed), so what
 * the trail cannot record (a control character, a lone surrogate) is refused at the door.
 */
export const commentField = z.string().trim().max(1_000).regex(NO_CONTROL).refine(wellFormed, { message: 'malformed text' }).optional();

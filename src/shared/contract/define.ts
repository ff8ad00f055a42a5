/** How one channel's contract is declared: a zod request schema and a phantom response type. */
import type { z } from 'zod';

/** A channel's contract: the zod schema its request must pass and the type it answers. */
export interface ChannelContract<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom field carrying the response type; never set at run time. */
  readonly response?: Res;
}

export const channel = <Req extends z.ZodType>(request: Req) => ({
  returns: <Res>(): ChannelContract<Req, Res> => ({ request }),
});

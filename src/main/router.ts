/**
 * The one way into main from the page: channel -> handler, with the sender check, the zod
 * parse of the payload, a `Result` for every answer and a timing line in the log.
 */
import { z } from 'zod';
import { contract, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../shared/contract';
import { fail, ok, GuichetError, type Result } from '../shared/result';
import { inspectPayload } from './payload-guard';
import type { Logger } from './logger';

/** Who sent a message: the Electron shell fills it from the IPC event, the harness from the page. */
export interface Sender {
  id: number;
  url: string;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  sender: Sender,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type Handlers = { [C in ChannelName]?: Handler<C> };

export interface Router {
  dispatch(channel: unknown, payload: unknown, sender: Sender): Promise<Result<unknown>>;
  register<C extends ChannelName>(channel: C, handler: Handler<C>): void;
  channels(): ChannelName[];
}

const isChannel = (value: unknown): value is ChannelName =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);

function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(request)';
  // Only the path and the kind of problem: zod messages can quote received values.
  return `${path}: ${issue.code}`;
}

export function createRouter(options: {
  logger: Logger;
  isTrustedSender: (sender: Sender) => boolean;
  /** The handlers to start with (the console passes the full table of handlers.ts). */
  handlers?: Handlers;
}): Router {
  const handlers = new Map<ChannelName, Handler<ChannelName>>(
    Object.entries(options.handlers ?? {}) as Array<[ChannelName, Handler<ChannelName>]>,
  );
  const { logger, isTrustedSender } = options;

  async function run(channel: unknown, payload: unknown, sender: Sender): Promise<Result<unknown>> {
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', 'unknown channel');
    if (!isTrustedSender(sender)) return fail('FORBIDDEN_SENDER', 'sender is not a Guichet window');
    const problem = inspectPayload(payload);
    if (problem) return fail(problem.kind === 'too-large' ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST', problem.detail);
    const parsed = contract[channel].request.safeParse(payload);
    if (!parsed.success) return fail('INVALID_REQUEST', describeZodError(parsed.error));
    const handler = handlers.get(channel);
    if (!handler) return fail('INTERNAL', 'channel has no handler');
    try {
      return ok(await handler(parsed.data as never, sender));
    } catch (error) {
      if (error instanceof GuichetError) return fail(error.code, error.message, error.details);
      return fail('INTERNAL', 'unexpected error');
    }
  }

  return {
    register(channel, handler) {
      handlers.set(channel, handler as Handler<ChannelName>);
    },
    channels: () => [...handlers.keys()],
    async dispatch(channel, payload, sender) {
      const started = performance.now();
      let result: Result<unknown>;
      try {
        result = await run(channel, payload, sender);
      } catch {
        result = fail('INTERNAL', 'unexpected error');
      }
      logger.log({
        level: result.ok ? 'info' : result.error.code === 'INTERNAL' ? 'error' : 'warn',
        event: 'ipc',
        channel: isChannel(channel) ? channel : '(unknown)',
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(result.ok ? {} : { code: result.error.code }),
      });
      return result;
    },
  };
}

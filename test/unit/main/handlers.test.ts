/** handlers.ts: one handler for every channel of the table, each a function (the compiler checks the same). */
import { describe, expect, it } from 'vitest';
import { channelHandlers, type DomainServices } from '../../../src/main/handlers';
import { CHANNELS } from '../../../src/shared/channels';

describe('the channel table of main', () => {
  it('has exactly the channels of channels.ts, each answered by a function', () => {
    // The handlers only close over their service: building the table calls none of them.
    const handlers = channelHandlers({} as DomainServices);
    expect(Object.keys(handlers).sort()).toEqual(Object.values(CHANNELS).sort());
    for (const handler of Object.values(handlers)) expect(typeof handler).toBe('function');
  });
});

/** Every IPC channel of the table with its zod request schema and its response type, and the preload API derived from them. */
import type { z } from 'zod';
import type { Result } from './result';
import { CHANNELS, type ChannelName, type MethodName } from './channels';
import type { ChannelContract } from './contract/define';
import { appContract } from './contract/app';
import { sessionContract } from './contract/session';
import { directoryContract } from './contract/directory';
import { verificationContract } from './contract/verification';
import { passwordContract } from './contract/password';
import { consentsContract } from './contract/consents';
import { activationContract } from './contract/activation';
import { auditContract } from './contract/audit';
import { lifecycleContract } from './contract/lifecycle';
import { secondFactorContract } from './contract/second-factor';
import { worklistsContract } from './contract/worklists';

/** Every IPC channel: name -> zod request schema + response type. */
export const contract = {
  ...appContract,
  ...sessionContract,
  ...directoryContract,
  ...verificationContract,
  ...passwordContract,
  ...consentsContract,
  ...activationContract,
  ...auditContract,
  ...lifecycleContract,
  ...secondFactorContract,
  ...worklistsContract,
} satisfies Record<ChannelName, ChannelContract<z.ZodType, unknown>>;

// Compile-time check that contract.ts and channels.ts name the same channels.
type Missing = Exclude<ChannelName, keyof typeof contract>;
type Extra = Exclude<keyof typeof contract, ChannelName>;
const exhaustive: [Missing, Extra] extends [never, never] ? true : false = true;
void exhaustive;

export type Contract = typeof contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = NonNullable<Contract[C]['response']>;

/** The API the preload exposes as `window.guichet`: one method per channel. */
export type GuichetApi = {
  [M in MethodName]: (request: RequestOf<(typeof CHANNELS)[M]>) => Promise<Result<ResponseOf<(typeof CHANNELS)[M]>>>;
};

export { CHANNELS };
export type { ChannelName, MethodName };

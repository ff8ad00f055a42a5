/** The session channels' contract: sign-in, sign-out, lock and resume. */
import { z } from 'zod';
import { channel } from './define';
import type { Role } from '../domain';

export interface AgentInfo {
  login: string;
  displayName: string;
  role: Role;
  /** false when signed in offline (audit review only). */
  online: boolean;
}

export interface SessionInfo {
  agent: AgentInfo | null;
  locked: boolean;
  idleLockMinutes: number;
}

const login = z.string().trim().min(1).max(128);
const password = z.string().min(1).max(256);

export const sessionContract = {
  'session:sign-in': channel(z.strictObject({ login, password })).returns<SessionInfo>(),
  'session:sign-out': channel(z.strictObject({})).returns<SessionInfo>(),
  'session:lock': channel(z.strictObject({ reason: z.enum(['idle', 'manual']) })).returns<SessionInfo>(),
  'session:resume': channel(z.strictObject({ password })).returns<SessionInfo>(),
  'session:current': channel(z.strictObject({})).returns<SessionInfo>(),
};

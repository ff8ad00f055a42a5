import type { StateCreator } from 'zustand';
import type { AgentInfo, SessionInfo } from '../../../shared/contract/session';
import type { AppError } from '../../../shared/result';
import { api, call } from '../api';
import type { StoreState } from '.';

export interface SessionSlice {
  agent: AgentInfo | null;
  locked: boolean;
  idleLockMinutes: number;
  signingIn: boolean;
  sessionError: AppError | null;
  signIn: (login: string, password: string) => Promise<boolean>;
  signOut: () => Promise<void>;
  lock: (reason: 'idle' | 'manual') => Promise<void>;
  resume: (password: string) => Promise<boolean>;
}

export const createSessionSlice: StateCreator<StoreState, [], [], SessionSlice> = (set, get) => {
  const apply = (info: SessionInfo) => set({ agent: info.agent, locked: info.locked, idleLockMinutes: info.idleLockMinutes });
  return {
    agent: null,
    locked: false,
    idleLockMinutes: 5,
    signingIn: false,
    sessionError: null,
    async signIn(login, password) {
      set({ signingIn: true, sessionError: null });
      const result = await call(() => api().signIn({ login, password }));
      set({ signingIn: false });
      if (!result.ok) {
        set({ sessionError: result.error });
        return false;
      }
      apply(result.value);
      get().navigate(result.value.agent?.online === false ? 'audit' : 'lookup');
      return true;
    },
    async signOut() {
      await call(() => api().signOut({}));
      get().clearPersonalData();
      set({ agent: null, locked: false, sessionError: null });
      get().navigate('signin');
    },
    async lock(reason) {
      if (!get().agent || get().locked) return;
      // Hide personal data first, whatever the main process answers.
      get().clearPersonalData({ keepAccountDn: true });
      set({ locked: true, sessionError: null });
      await call(() => api().lockSession({ reason }));
    },
    async resume(password) {
      set({ signingIn: true, sessionError: null });
      const result = await call(() => api().resumeSession({ password }));
      set({ signingIn: false });
      if (!result.ok) {
        set({ sessionError: result.error });
        return false;
      }
      apply(result.value);
      const dn = get().resumeDn;
      if (dn) void get().openAccount(dn);
      return true;
    },
  };
};

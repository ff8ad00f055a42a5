/**
 * The agent's session at the desk: sign-in (online, or offline with the local verifier when
 * no directory server answers), sign-out, idle/manual lock and resume. Each step is on
 * record; the password is never kept beyond the agent's own connection (see agent-connection.ts).
 */
import type { AuditEventInput } from '../../shared/audit-events';
import type { SessionInfo } from '../../shared/contract/session';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import { authenticateAgent, SignInRefused } from '../directory/agent-auth';
import { bindWithPolicy, closeQuietly, isUnreachable, openFirstAvailable } from '../directory/agent-bind';
import { AgentConnection } from '../directory/agent-connection';
import type { AgentDirectory } from '../directory/agent-directory';
import { classifyLdapError } from '../directory/ldap-errors';
import type { Logger } from '../logger';
import type { AgentSession, SessionStore } from './session-store';

/** Wrong passwords in a row at the lock screen before the session is closed. */
const MAX_RESUME_FAILURES = 5;

type RefusalReason = Extract<AuditEventInput, { action: 'sign-in-refused' }>['details']['reason'];

function refusalReason(code: string): RefusalReason {
  switch (code) {
    case 'ACCOUNT_LOCKED':
      return 'account-locked';
    case 'NOT_AN_AGENT':
      return 'not-an-agent';
    case 'INVALID_CREDENTIALS':
    case 'POLICY_VIOLATION':
      return 'invalid-credentials';
    default:
      return 'directory-unavailable';
  }
}

export interface SessionDeps {
  store: SessionStore;
  directory: Pick<AgentDirectory, 'attach' | 'connection' | 'verifiers'>;
  trail: Pick<AuditTrail, 'record'>;
  config: Pick<GuichetConfig, 'directory' | 'session'>;
  logger: Logger;
  now: () => Date;
  /** Called when the session locks: what was verified about the person at the desk no longer holds. */
  onLock?: () => void;
}

const agentRef = (s: AgentSession) => ({ login: s.login, displayName: s.displayName });

export class SessionService {
  private resumeFailures = 0;

  constructor(private readonly deps: SessionDeps) {}

  /** What the renderer may know of the session. */
  info(): SessionInfo {
    const s = this.deps.store.current();
    return {
      agent: s ? { login: s.login, displayName: s.displayName, role: s.role, online: s.online } : null,
      locked: s?.locked ?? false,
      idleLockMinutes: this.deps.config.session.idleLockMinutes,
    };
  }

  async signIn(login: string, password: string): Promise<SessionInfo> {
    const { store, trail, config } = this.deps;
    if (store.current()?.locked) throw new GuichetError('SESSION_LOCKED', 'sign the locked session out first');
    let agent;
    try {
      agent = await authenticateAgent(config.directory, login, password);
    } catch (error) {
      const code = classifyLdapError(error);
      if (isUnreachable(code)) return this.signInOffline(login, password);
      const knownLogin = error instanceof SignInRefused ? error.knownLogin : null;
      trail.record({
        action: 'sign-in-refused',
        outcome: 'denied',
        // A login the directory did not find is not recorded: it may be a password typed in the wrong box.
        agent: knownLogin ? { login: knownLogin, displayName: '' } : null,
        directoryCode: code === 'INVALID_CREDENTIALS' || code === 'ACCOUNT_LOCKED' ? 49 : null,
        details: { mode: 'online', reason: refusalReason(code) },
      });
      throw error;
    }
    const connection = new AgentConnection({
      directory: config.directory,
      dn: agent.dn,
      client: agent.client,
      url: agent.url,
      password,
      // The directory stopped accepting the agent's password mid-session (changed or locked elsewhere).
      onCredentialsRevoked: () => void this.endSession('expired'),
    });
    await this.start(
      {
        login: agent.login,
        displayName: agent.displayName,
        dn: agent.dn,
        role: agent.role,
        online: true,
        signedInAt: this.deps.now().toISOString(),
        locked: false,
      },
      connection,
    );
    try {
      await this.deps.directory.verifiers.remember(agent, password, this.deps.now());
    } catch {
      this.deps.logger.log({ level: 'warn', event: 'offline-verifier', note: 'not stored' });
    }
    return this.info();
  }

  async signOut(): Promise<SessionInfo> {
    await this.endSession('user');
    return this.info();
  }

  lock(reason: 'idle' | 'manual'): SessionInfo {
    const { store, trail, config } = this.deps;
    const s = store.current();
    if (!s) throw new GuichetError('NOT_SIGNED_IN', 'no agent is signed in');
    if (!s.locked) {
      store.set({ ...s, locked: true });
      this.deps.directory.connection()?.forgetPassword();
      this.deps.onLock?.();
      trail.record({
        action: 'idle-lock',
        outcome: 'success',
        agent: agentRef(s),
        details: { reason, idleMinutes: reason === 'idle' ? config.session.idleLockMinutes : 0 },
      });
    }
    return this.info();
  }

  async resume(password: string): Promise<SessionInfo> {
    const { store, trail } = this.deps;
    const s = store.current();
    if (!s) throw new GuichetError('NOT_SIGNED_IN', 'no agent is signed in');
    if (!s.locked) return this.info();
    try {
      await this.verifyForResume(s, password);
    } catch (error) {
      const code = classifyLdapError(error);
      if (code === 'INVALID_CREDENTIALS' || code === 'ACCOUNT_LOCKED') {
        this.resumeFailures += 1;
        trail.record({ action: 'session-resumed', outcome: 'denied', agent: agentRef(s), directoryCode: s.online ? 49 : null, details: {} });
        if (code === 'ACCOUNT_LOCKED' || this.resumeFailures >= MAX_RESUME_FAILURES) {
          await this.endSession('expired');
          throw new GuichetError('NOT_SIGNED_IN', 'too many failed attempts: sign in again');
        }
      }
      throw error;
    }
    this.deps.directory.connection()?.rememberPassword(password);
    this.resumeFailures = 0;
    store.set({ ...s, locked: false });
    trail.record({ action: 'session-resumed', outcome: 'success', agent: agentRef(s), details: {} });
    return this.info();
  }

  // -------------------------------------------------------------------------------------

  private async endSession(reason: 'user' | 'replaced' | 'expired'): Promise<void> {
    const s = this.deps.store.current();
    this.deps.store.set(null);
    this.resumeFailures = 0;
    await this.deps.directory.attach(null);
    if (s) this.deps.trail.record({ action: 'sign-out', outcome: 'success', agent: agentRef(s), details: { reason } });
  }

  private async start(next: AgentSession, connection: AgentConnection | null): Promise<void> {
    if (this.deps.store.current()) await this.endSession('replaced');
    await this.deps.directory.attach(connection);
    this.deps.store.set(next);
    this.resumeFailures = 0;
    this.deps.trail.record({
      action: 'sign-in',
      outcome: 'success',
      agent: agentRef(next),
      details: { mode: next.online ? 'online' : 'offline', role: next.role },
    });
  }

  private async signInOffline(login: string, password: string): Promise<SessionInfo> {
    const verifier = await this.deps.directory.verifiers.verify(login, password, this.deps.now());
    if (!verifier) {
      this.deps.trail.record({ action: 'sign-in-refused', outcome: 'denied', agent: null, details: { mode: 'offline', reason: 'offline-unavailable' } });
      // One answer for unknown agent, expired verifier and wrong password alike.
      throw new GuichetError('DIRECTORY_UNAVAILABLE', 'the directory is unreachable and offline sign-in was refused', {
        offlineSignIn: 'refused',
      });
    }
    await this.start(
      {
        login: verifier.login,
        displayName: verifier.displayName,
        dn: verifier.dn,
        role: verifier.role,
        online: false,
        signedInAt: this.deps.now().toISOString(),
        locked: false,
      },
      null,
    );
    return this.info();
  }

  /** Checks the password at the lock screen: a new directory session, or the local verifier when none answers. */
  private async verifyForResume(s: AgentSession, password: string): Promise<void> {
    const { directory, now } = this.deps;
    const offlineCheck = async (problem: GuichetError) => {
      const verifier = await directory.verifiers.verify(s.login, password, now());
      if (!verifier || verifier.dn !== s.dn) throw problem;
    };
    if (!s.online) return offlineCheck(new GuichetError('INVALID_CREDENTIALS', 'invalid credentials'));
    let opened;
    try {
      opened = await openFirstAvailable(this.deps.config.directory, (c) => bindWithPolicy(c, s.dn, password));
    } catch (error) {
      const code = classifyLdapError(error);
      if (isUnreachable(code)) return offlineCheck(new GuichetError(code, 'the directory is unreachable'));
      throw error;
    }
    const connection = directory.connection();
    if (connection) await connection.replaceClient(opened.client, opened.url);
    else await closeQuietly(opened.client);
  }
}

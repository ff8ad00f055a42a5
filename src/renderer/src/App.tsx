/** The console's page: picks the screen for the session's state, keeps the directory status fresh, and composes the features (with pages/). */
import { useEffect } from 'react';
import { useStore } from './store';
import { Frame } from './features/app/frame';
import { SignInScreen } from './features/session/signin-screen';
import { LockScreen } from './features/session/lock-screen';
import { useIdleLock, useLockShortcut } from './features/session/use-idle-lock';
import { LookupScreen } from './features/lookup/lookup-screen';
import { AuditScreen } from './features/audit/audit-screen';
import { WorklistsScreen } from './features/worklists/worklists-screen';
import { AccountPage } from './pages/account-page';
import { ActivationPage } from './pages/activation-page';

const STATUS_POLL_MS = 30_000;
/** While the directory is down: retry after 2, 4, 8, 16 then every 30 seconds. */
const RETRY_BACKOFF_MS = [2_000, 4_000, 8_000, 16_000, 30_000];

export function App() {
  const screen = useStore((s) => s.screen);
  const agent = useStore((s) => s.agent);
  const locked = useStore((s) => s.locked);
  const refreshStatus = useStore((s) => s.refreshStatus);
  useIdleLock();
  useLockShortcut();

  const reachable = useStore((s) => s.status?.directory.reachable ?? null);

  useEffect(() => {
    void refreshStatus(true);
  }, [refreshStatus]);

  useEffect(() => {
    if (reachable === null) return;
    let attempt = 0;
    let timer = 0;
    const schedule = () => {
      const delay = reachable ? STATUS_POLL_MS : RETRY_BACKOFF_MS[Math.min(attempt, RETRY_BACKOFF_MS.length - 1)]!;
      attempt += 1;
      timer = window.setTimeout(() => {
        void refreshStatus(true).finally(schedule);
      }, delay);
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, [reachable, refreshStatus]);

  let content;
  if (!agent) content = <SignInScreen />;
  else if (locked) content = <LockScreen />;
  else if (screen === 'lookup' && agent.online) content = <LookupScreen />;
  else if (screen === 'worklists' && agent.online) content = <WorklistsScreen />;
  else if (screen === 'account' && agent.online) content = <AccountPage />;
  else if (screen === 'activation' && agent.online) content = <ActivationPage />;
  else content = <AuditScreen />;
  return <Frame>{content}</Frame>;
}

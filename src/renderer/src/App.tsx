import { useEffect } from 'react';
import { useStore } from './store';
import { Frame } from './components/frame';
import { SignInScreen } from './features/signin/signin-screen';
import { LockScreen } from './features/signin/lock-screen';
import { useIdleLock, useLockShortcut } from './features/signin/use-idle-lock';
import { LookupScreen } from './features/lookup/lookup-screen';
import { AccountScreen } from './features/account/account-screen';
import { AuditScreen } from './features/audit/audit-screen';
import { ActivationWizard } from './features/activation/activation-wizard';

const STATUS_POLL_MS = 30_000;

export function App() {
  const screen = useStore((s) => s.screen);
  const agent = useStore((s) => s.agent);
  const locked = useStore((s) => s.locked);
  const refreshStatus = useStore((s) => s.refreshStatus);
  useIdleLock();
  useLockShortcut();

  useEffect(() => {
    void refreshStatus(true);
    const timer = window.setInterval(() => void refreshStatus(true), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refreshStatus]);

  let content;
  if (!agent) content = <SignInScreen />;
  else if (locked) content = <LockScreen />;
  else if (screen === 'lookup' && agent.online) content = <LookupScreen />;
  else if (screen === 'account' && agent.online) content = <AccountScreen />;
  else if (screen === 'activation' && agent.online) content = <ActivationWizard />;
  else content = <AuditScreen />;
  return <Frame>{content}</Frame>;
}

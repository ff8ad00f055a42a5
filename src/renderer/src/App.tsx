import { useEffect } from 'react';
import { useStore } from './store';
import { Frame } from './components/frame';
import { SignInScreen } from './features/signin/signin-screen';
import { LookupScreen } from './features/lookup/lookup-screen';
import { AccountScreen } from './features/account/account-screen';
import { AuditScreen } from './features/audit/audit-screen';

const STATUS_POLL_MS = 30_000;

export function App() {
  const screen = useStore((s) => s.screen);
  const refreshStatus = useStore((s) => s.refreshStatus);

  useEffect(() => {
    void refreshStatus(true);
    const timer = window.setInterval(() => void refreshStatus(true), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refreshStatus]);

  return (
    <Frame>
      {screen === 'signin' && <SignInScreen />}
      {screen === 'lookup' && <LookupScreen />}
      {screen === 'account' && <AccountScreen />}
      {screen === 'audit' && <AuditScreen />}
    </Frame>
  );
}

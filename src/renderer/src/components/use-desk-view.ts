/** The desk model of the open account (shared/desk-view.ts), kept current with the clock: every part of the card reads it, none decides on its own. */
import { useEffect, useMemo, useState } from 'react';
import { deskView, type DeskView } from '../../../shared/desk-view';
import { evidenceOfferOf } from '../../../shared/institution';
import { useStore } from '../store';

/** The time, ticking every `intervalMs`: an expiry shows (and disables) within that time. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** null while no card is open. */
export function useDeskView(): DeskView | null {
  const card = useStore((s) => s.card);
  const verification = useStore((s) => s.verification);
  const role = useStore((s) => s.agent?.role ?? 'agent');
  const mailConfigured = useStore((s) => s.status?.mailConfigured ?? false);
  const journeys = useStore((s) => s.status?.journeys ?? null);
  const evidence = useMemo(() => (journeys ? evidenceOfferOf(journeys) : undefined), [journeys]);
  const now = useNow();
  // A verification of another account (a late answer) is not this card's.
  const own = verification && card && verification.dn === card.dn ? verification : null;
  return useMemo(
    () => (card ? deskView({ card, verification: own, agentRole: role, mailConfigured, evidence, now }) : null),
    [card, own, role, mailConfigured, evidence, now],
  );
}

/** Session hooks: the idle lock and the Ctrl+L shortcut. */
import { useEffect } from 'react';
import { useStore } from '../../store';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Locks the session after the configured minutes without keyboard or pointer activity. */
export function useIdleLock(): void {
  const agent = useStore((s) => s.agent);
  const locked = useStore((s) => s.locked);
  const minutes = useStore((s) => s.idleLockMinutes);
  const lock = useStore((s) => s.lock);

  useEffect(() => {
    if (!agent || locked) return;
    let timer = window.setTimeout(() => void lock('idle'), minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lock('idle'), minutes * 60_000);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, reset);
    };
  }, [agent, locked, minutes, lock]);
}

/** Ctrl+L (Cmd+L) locks at once, for an agent who has to step away. */
export function useLockShortcut(): void {
  const lock = useStore((s) => s.lock);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock('manual');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);
}

/**
 * Shared UI: where the keyboard lands when a screen, a wizard step or a panel appears
 * (RGAA 12.8, WCAG 2.4.3). The first usable element marked `data-autofocus` inside the
 * container (the screen's first useful field), else its first heading, made focusable; focus
 * already inside the container (an input's own autoFocus) is left where it is.
 */
import { useEffect, type RefObject } from 'react';

const usable = (el: HTMLElement) => !el.matches(':disabled') && el.getAttribute('aria-disabled') !== 'true' && el.getClientRects().length > 0;

const FIELDS = 'input:not([type="hidden"]), select, textarea';

/**
 * `fallback: 'field'` (a wizard step): without a marked element, the first usable field of
 * the container's `[data-focus-scope]` part (the step's body), before its heading. Focus
 * already inside is kept only for a new screen: a new step moves it.
 */
export function focusFirstUseful(container: HTMLElement, fallback: 'heading' | 'field' = 'heading'): void {
  const active = document.activeElement;
  if (fallback === 'heading' && active && active !== container && container.contains(active)) return;
  const scope = container.querySelector<HTMLElement>('[data-focus-scope]') ?? container;
  const marked = [...scope.querySelectorAll<HTMLElement>('[data-autofocus]')].find(usable);
  const field = fallback === 'field' ? [...scope.querySelectorAll<HTMLElement>(FIELDS)].find(usable) : undefined;
  const target = marked ?? field ?? container.querySelector<HTMLElement>('h1, h2');
  if (!target) return;
  if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
  target.focus();
}

/** Each time `key` changes (a new screen, a new step), once the frame is painted. */
export function useScreenFocus(container: RefObject<HTMLElement | null>, key: string, fallback: 'heading' | 'field' = 'heading'): void {
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (container.current) focusFirstUseful(container.current, fallback);
    });
    return () => cancelAnimationFrame(frame);
  }, [container, key, fallback]);
}

const MODAL = 'dialog:modal, [aria-modal="true"]';
/** How long focus waits on the page body for a disabled control to come back, before going to the screen's first field. */
const REENABLE_WAIT_MS = 1_200;
const TABBABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';
/**
 * The same control, drawn again: a panel that re-renders while its action runs (a slow
 * directory) replaces the button that opened the dialog by an identical one.
 */
function sameControl(el: HTMLElement | null): HTMLElement | null {
  if (!el || el.isConnected) return el;
  const label = el.getAttribute('aria-label');
  return (
    [...document.querySelectorAll<HTMLElement>(el.tagName)].find(
      (other) => other.textContent === el.textContent && other.className === el.className && other.getAttribute('aria-label') === label && !other.closest('dialog, [role="dialog"]'),
    ) ?? null
  );
}
const focusable = (el: HTMLElement) => el.isConnected && usable(el) && el.matches('a[href], button, input, select, textarea, summary, [tabindex]');

/**
 * The focus guard of the frame: whenever the page changes (a screen loads its data, a
 * button goes away or is disabled, a dialog closes) and focus has fallen to the page body,
 * it goes back to the control that opened the dialog that just closed, else to the element
 * that had it if it can still take it, else to the screen's first useful field. While a
 * modal is open, Tab and Shift+Tab go round inside it.
 */
export function useFocusGuard(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    let last: HTMLElement | null = null;
    let opener: HTMLElement | null = null;
    // A control still busy with its action when the wait ran out and focus went to the screen's
    // first field: the dialog its action opens still belongs to it (a slow directory).
    let busyOpener: HTMLElement | null = null;
    let movingFocus = false;
    // Where a closing <dialog> puts focus by itself: the element focused before it opened.
    let nativeReturn: HTMLElement | null = null;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target as HTMLElement;
      // A <dialog> may take focus (autoFocus) before it is shown modal.
      const modal = target.closest(`${MODAL}, dialog, [role="dialog"]`);
      if (modal) {
        if (last && !modal.contains(last)) nativeReturn = last;
        // The opener is the control outside any dialog: a dialog that follows another (a
        // confirmation, then the slip it led to) keeps the first one's opener.
        const busy = sameControl(busyOpener);
        if (busy) opener = busy;
        else if (last && !modal.contains(last) && last.isConnected && !last.closest(`${MODAL}, dialog, [role="dialog"]`)) opener = last;
        busyOpener = null;
      } else {
        if (!movingFocus) busyOpener = null; // the agent moved on
        // A dialog closing puts focus back where it was when it opened: if its opener was busy
        // then (the guard had lent focus to the first field), focus goes on to the opener.
        const from = event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
        const back = sameControl(opener);
        if (from?.closest('dialog, [role="dialog"]') && target === nativeReturn && back && back !== target) {
          window.setTimeout(() => {
            if (document.activeElement === target && !document.querySelector(MODAL) && focusable(back)) back.focus();
          }, 0);
        }
        nativeReturn = null;
      }
      last = target;
    };
    let waitingSince = 0;
    let timer = 0;
    const rescue = () => {
      const active = document.activeElement;
      if (active && active !== document.body) {
        waitingSince = 0;
        return;
      }
      if (document.querySelector(MODAL)) {
        waitingSince = 0;
        return;
      }
      const back = [sameControl(opener), last].find((el): el is HTMLElement => el !== null && focusable(el));
      // A button disabled while its action runs gets focus back when it is enabled again (and opens its dialog meanwhile):
      // the control last focused, or the opener of the confirmation that started the action.
      const pending = [opener, last].find((el): el is HTMLElement => el !== null && el.isConnected && el.matches(':disabled'));
      if (!back && pending) {
        if (waitingSince === 0) waitingSince = Date.now();
        if (Date.now() - waitingSince < REENABLE_WAIT_MS) {
          window.clearTimeout(timer);
          timer = window.setTimeout(rescue, REENABLE_WAIT_MS);
          return;
        }
      }
      waitingSince = 0;
      opener = null;
      if (back) back.focus();
      else if (container.current) {
        busyOpener = pending ?? null;
        movingFocus = true;
        focusFirstUseful(container.current);
        movingFocus = false;
      }
    };
    // After the rendering update: that is when the browser drops focus from a disabled or hidden element.
    const observer = new MutationObserver(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(rescue, 30);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'open'] });
    // Tab and Shift+Tab go round inside an open modal (a native one would let focus leave the page).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const modal = [...document.querySelectorAll<HTMLElement>(MODAL)].at(-1);
      if (!modal) return;
      const inside = [...modal.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => usable(el) && el.tabIndex >= 0);
      if (inside.length === 0) return;
      const first = inside[0]!;
      const last = inside.at(-1)!;
      const active = document.activeElement as HTMLElement | null;
      const outside = !active || !modal.contains(active);
      if (outside || (event.shiftKey && active === first) || (!event.shiftKey && active === last)) {
        event.preventDefault();
        (outside ? first : event.shiftKey ? last : first).focus();
      }
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [container]);
}

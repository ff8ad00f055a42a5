/**
 * The keyboard-only runner: the same journeys, driven without a mouse (RGAA 12, WCAG 2.1.1,
 * 2.4.3, 2.4.7). While installed on a page, every `click`, `fill`, `check`, `selectOption`,
 * `press` and `focus` of a Playwright locator reaches its element with Tab / Shift+Tab (never
 * a programmatic focus) and acts with the keys a person would use (Enter, Space, arrows);
 * the mouse throws. After each action it checks what a keyboard user needs:
 *   - focus is never lost to the page body (a new screen, step or dialog puts it somewhere);
 *   - the focused element shows a visible focus indicator;
 *   - while a modal dialog is open, focus stays inside it; when it closes, focus goes back to
 *     the element that opened it.
 * Journeys need no change: the `keyboard` project of playwright.config.ts installs it in
 * openConsolePage() (console-page.ts). A test that cannot run without a mouse is tagged
 * `@mouse-only` with a comment saying why.
 */
import type { ElementHandle, Locator, Page } from '@playwright/test';

/** Presses of Tab one action may take to reach its element before the runner calls it unreachable. */
const MAX_TABS = 120;
/** How long focus may take to land after a screen change (React renders, effects run). */
const FOCUS_SETTLE_MS = 2_000;
/** How long a control may stay disabled before the runner tries to reach it anyway (Playwright's actions wait likewise). */
const ENABLED_WAIT_MS = 10_000;

type Direction = 'here' | 'forward' | 'backward' | 'radio-group';

/** Where the element is from the focused one, in tab order terms. */
function whereIs(target: ElementHandle): Promise<Direction> {
  return target.evaluate((node) => {
    const el = node as Element;
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) return 'forward';
    if (active === el || el.contains(active) || active.contains(el)) return 'here';
    if (
      el instanceof HTMLInputElement &&
      el.type === 'radio' &&
      active instanceof HTMLInputElement &&
      active.type === 'radio' &&
      active.name === el.name &&
      active.form === el.form
    )
      return 'radio-group';
    if (!active || active === document.body) return 'forward';
    return active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 'forward' : 'backward';
  });
}

/** Tab (or Shift+Tab) until the element has focus; radios of a group are reached with the arrows. */
export async function reachByKeyboard(page: Page, locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  const target = (await locator.elementHandle())!;
  // As Playwright's own actions do, wait for a disabled control to be enabled (a live check still
  // running, say); a person would wait too. One still disabled is then reported unreachable below.
  await target.waitForElementState('enabled', { timeout: ENABLED_WAIT_MS }).catch(() => undefined);
  let last: Direction | null = null;
  for (let presses = 0; presses <= MAX_TABS; presses += 1) {
    const where = await whereIs(target);
    if (where === 'here') return;
    if (where === 'radio-group') {
      for (let step = 0; step < 12 && (await whereIs(target)) !== 'here'; step += 1) await page.keyboard.press('ArrowDown');
      if ((await whereIs(target)) === 'here') return;
      break;
    }
    // Past the element without landing on it: it is not in the tab order.
    if (last !== null && where !== last && presses > 1) break;
    last = where;
    if (process.env['KEYBOARD_DEBUG']) console.log('reach', locator.toString(), where, await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80)));
    await page.keyboard.press(where === 'forward' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`keyboard-only: ${locator.toString()} cannot be reached with Tab (not focusable, hidden from the tab order, or behind an inert area)`);
}

/** The kind of element, for the key that activates it. */
function kindOf(target: ElementHandle) {
  return target.evaluate((node) => {
    const el = node as Element;
    const role = el.getAttribute('role');
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return { kind: el.type, checked: el.checked };
    if (role === 'checkbox' || role === 'switch' || role === 'radio') return { kind: role, checked: el.getAttribute('aria-checked') === 'true' };
    if (el instanceof HTMLSelectElement) return { kind: 'select', checked: false };
    return { kind: 'activate', checked: false };
  });
}

const originals = {} as Record<'click' | 'fill' | 'check' | 'uncheck' | 'setChecked' | 'selectOption' | 'press' | 'focus', (...args: never[]) => Promise<unknown>>;
/** The pages driven by keyboard (a test may open a second console beside its file's one), each with its dialog state. */
const installed = new Map<Page, { opener: ElementHandle | null; modalOpen: boolean }>();
const pageState = (page: Page) => {
  let state = installed.get(page);
  if (!state) installed.set(page, (state = { opener: null, modalOpen: false }));
  return state;
};

/** What a keyboard user needs after each action: focus somewhere visible, inside an open modal, back on its opener after it. */
export async function expectKeyboardFocusKept(page: Page, after: string, actedOn: ElementHandle | null = null): Promise<void> {
  const dialogs = pageState(page);
  const deadline = Date.now() + FOCUS_SETTLE_MS;
  let state = await focusState(page);
  while (state.onBody && Date.now() < deadline) {
    await page.waitForTimeout(50);
    state = await focusState(page);
  }
  if (state.onBody) throw new Error(`keyboard-only: after ${after}, focus was lost to the page body`);
  if (!state.visible) throw new Error(`keyboard-only: after ${after}, the focused element (${state.description}) shows no focus indicator`);
  if (state.modal && !state.insideModal) throw new Error(`keyboard-only: after ${after}, focus (${state.description}) left the open dialog`);
  if (state.modal && !dialogs.modalOpen) {
    // The control this action worked is the dialog's opener.
    if (actedOn) dialogs.opener = actedOn;
    dialogs.modalOpen = true;
  } else if (!state.modal && dialogs.modalOpen) {
    dialogs.modalOpen = false;
    const opener = dialogs.opener;
    if (opener && (await opener.evaluate((el) => el.isConnected))) {
      const back = await opener.evaluate((el) => el === document.activeElement);
      if (!back) throw new Error(`keyboard-only: after ${after}, the dialog closed but focus (${state.description}) did not go back to the control that opened it`);
    }
  }
  if (!state.modal) dialogs.opener = await page.evaluateHandle(() => document.activeElement).then((h) => h.asElement());
}

/**
 * A dialog the test closed with a key of its own (Escape through page.keyboard, which no step
 * watches): focus must be back on its opener now, before this step's Tab presses move it on.
 * Checked at the next step, the opener would always have lost focus to that step's target.
 */
async function expectClosedDialogLeftFocusOnOpener(page: Page): Promise<void> {
  if (!pageState(page).modalOpen) return;
  if ((await focusState(page)).modal) return;
  await expectKeyboardFocusKept(page, 'a dialog closed by a key press');
}

function focusState(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const modal = document.querySelector('dialog:modal, [aria-modal="true"]');
    const style = active ? getComputedStyle(active) : null;
    const visible = !!style && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
    return {
      onBody: !active || active === document.body || active === document.documentElement,
      visible,
      modal: modal !== null,
      insideModal: modal !== null && active !== null && modal.contains(active),
      description: active ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''} "${(active.getAttribute('aria-label') ?? active.textContent ?? '').trim().slice(0, 40)}"` : 'none',
    };
  });
}

/** Drives every locator action of `page` by keyboard until `uninstall()`; the mouse throws. */
export function installKeyboardOnly(page: Page): { uninstall(): void } {
  const proto = Object.getPrototypeOf(page.locator('body')) as Record<string, (...args: never[]) => Promise<unknown>>;
  if (installed.has(page)) throw new Error('keyboard-only: already installed on this page');
  const first = installed.size === 0;
  pageState(page);
  if (first)
    for (const name of Object.keys({ click: 1, fill: 1, check: 1, uncheck: 1, setChecked: 1, selectOption: 1, press: 1, focus: 1 }) as Array<keyof typeof originals>)
      originals[name] = proto[name]!;
  const step = async (locator: Locator, label: string, act: (target: ElementHandle) => Promise<void>) => {
    const p = locator.page();
    if (!installed.has(p)) throw new Error('keyboard-only: a locator of a page not driven by keyboard');
    await expectClosedDialogLeftFocusOnOpener(p);
    await reachByKeyboard(p, locator);
    const target = (await locator.elementHandle())!;
    await act(target);
    await expectKeyboardFocusKept(p, `${label} ${locator.toString()}`, pageState(p).modalOpen ? null : target);
  };
  const setChecked = async (locator: Locator, wanted: boolean) =>
    step(locator, wanted ? 'check' : 'uncheck', async (target) => {
      const { kind, checked } = await kindOf(target);
      if (kind === 'radio' && !wanted) throw new Error('keyboard-only: a radio is unchecked by checking another');
      if (checked !== wanted) await locator.page().keyboard.press('Space');
    });
  /** An option of a listbox that a text field drives (aria-activedescendant): the field, then arrows until it is the active one, then Enter. */
  const pickOption = async (locator: Locator): Promise<boolean> => {
    const ids = await locator.evaluate((el) => {
      const list = el.closest('[role="listbox"]');
      if (el.getAttribute('role') !== 'option' || (el as HTMLElement).tabIndex >= 0 || !list?.id || !el.id) return null;
      return { list: list.id, option: el.id };
    });
    if (!ids) return false;
    const p = locator.page();
    const field = p.locator(`[aria-controls="${ids.list}"]`);
    await reachByKeyboard(p, field);
    for (let i = 0; i < 50 && (await field.getAttribute('aria-activedescendant')) !== ids.option; i += 1) await p.keyboard.press('ArrowDown');
    if ((await field.getAttribute('aria-activedescendant')) !== ids.option) throw new Error(`keyboard-only: option ${ids.option} never became the active one with the arrows`);
    await p.keyboard.press('Enter');
    await expectKeyboardFocusKept(p, `pick ${locator.toString()}`, null);
    return true;
  };
  const patched: Record<string, (this: Locator, ...args: never[]) => Promise<unknown>> = {
    async click(this: Locator) {
      await this.waitFor({ state: 'visible' });
      if (await pickOption(this)) return;
      return step(this, 'click', async (target) => {
        const { kind } = await kindOf(target);
        if (kind === 'select') throw new Error('keyboard-only: click on a <select>: use selectOption');
        await this.page().keyboard.press(kind === 'activate' ? 'Enter' : 'Space');
      });
    },
    fill(this: Locator, value: string) {
      return step(this, 'fill', async (target) => {
        const type = await target.evaluate((el) => (el instanceof HTMLInputElement ? el.type : ''));
        if (type === 'date') throw new Error('keyboard-only: fill on a native date input is not typed the same in every locale');
        const keyboard = this.page().keyboard;
        await keyboard.press('ControlOrMeta+A');
        await keyboard.press('Delete');
        if (value) await keyboard.insertText(value);
      });
    },
    check(this: Locator) {
      return setChecked(this, true);
    },
    uncheck(this: Locator) {
      return setChecked(this, false);
    },
    setChecked(this: Locator, wanted: boolean) {
      return setChecked(this, wanted);
    },
    selectOption(this: Locator, wanted: string | { label?: string; value?: string; index?: number }) {
      return step(this, 'selectOption', async (target) => {
        const indices = await target.evaluate(
          (el, w: string | { label?: string; value?: string; index?: number }) => {
            const select = el as HTMLSelectElement;
            const options = [...select.options];
            const at =
              typeof w === 'string'
                ? options.findIndex((o) => o.value === w || o.label === w)
                : w.index ?? options.findIndex((o) => (w.value !== undefined ? o.value === w.value : o.label === w.label));
            return { from: select.selectedIndex, to: at };
          },
          wanted,
        );
        if (indices.to < 0) throw new Error(`keyboard-only: no option ${JSON.stringify(wanted)}`);
        const key = indices.to > indices.from ? 'ArrowDown' : 'ArrowUp';
        for (let i = 0; i < Math.abs(indices.to - indices.from); i += 1) await this.page().keyboard.press(key);
      });
    },
    press(this: Locator, key: string) {
      return step(this, `press ${key}`, async () => {
        await this.page().keyboard.press(key);
      });
    },
    focus(this: Locator) {
      return step(this, 'focus', async () => undefined);
    },
  };
  if (first) for (const [name, fn] of Object.entries(patched)) proto[name] = fn as never;
  const mouse = page.mouse as unknown as Record<string, unknown>;
  const mouseOriginals = { ...mouse };
  for (const name of ['click', 'dblclick', 'down', 'up', 'move', 'wheel']) {
    mouse[name] = () => {
      throw new Error(`keyboard-only: mouse.${name} in a keyboard-only run`);
    };
  }
  return {
    uninstall() {
      Object.assign(mouse, mouseOriginals);
      installed.delete(page);
      if (installed.size === 0) for (const name of Object.keys(patched)) proto[name] = originals[name as keyof typeof originals];
    },
  };
}

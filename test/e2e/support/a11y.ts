/**
 * Accessibility checks for the e2e tier (RGAA 4.1 / WCAG 2.1 AA), one line each in a journey:
 *
 *   await expectAccessible(page, 'card-verified');   // axe-core: zero violations, WCAG 2.0/2.1 A and AA rules
 *   await expectFitsViewport(page, 'card-1024');     // no horizontal scroll, nothing cut off or truncated
 *
 * `{ soft: true }` records the failure and lets the journey go on (a tour collecting every finding).
 * Every check is appended to test-results/a11y/checks.jsonl (label, language, rules passed,
 * violations), which docs/accessibilite.md reports. A rule may only be disabled in
 * DISABLED_RULES below, with the reason written next to it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

export const A11Y_DIR = join(process.cwd(), 'test-results', 'a11y');
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Rules not run, each with why. Empty: every WCAG 2.1 A/AA rule of axe runs on every screen. */
export const DISABLED_RULES: Readonly<Record<string, string>> = {};

function record(entry: Record<string, unknown>): void {
  mkdirSync(A11Y_DIR, { recursive: true });
  const project = (() => {
    try {
      return test.info().project.name;
    } catch {
      return null;
    }
  })();
  appendFileSync(join(A11Y_DIR, 'checks.jsonl'), `${JSON.stringify({ ...entry, project, at: new Date().toISOString() })}\n`);
}

/** axe-core over the whole page as it is now (open dialogs included): zero violations, or the test fails naming each. */
export async function expectAccessible(page: Page, label: string, options: { soft?: boolean } = {}): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).disableRules(Object.keys(DISABLED_RULES)).analyze();
  const lang = await page.evaluate(() => document.documentElement.lang);
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`),
  }));
  // `incomplete`: what axe could not decide alone (a contrast over a pattern...): for the manual review.
  const incomplete = results.incomplete.map((r) => r.id);
  record({ kind: 'axe', label, lang, passes: results.passes.length, incomplete, violations });
  (options.soft ? expect.soft : expect)(violations, `axe violations on "${label}" (${lang})`).toEqual([]);
}

/**
 * The page fits its viewport: no horizontal scroll (scrollWidth vs clientWidth), no visible
 * element past its right or left edge unless a scrolling box of its own holds it, and no text
 * cut by an ellipsis or a hidden overflow.
 */
export async function expectFitsViewport(page: Page, label: string, options: { soft?: boolean } = {}): Promise<void> {
  const problems = await page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const out: string[] = [];
    if (doc.scrollWidth > width + 1) out.push(`horizontal scroll: scrollWidth ${doc.scrollWidth} > clientWidth ${width}`);
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const hidden = (el: Element) => {
      const s = getComputedStyle(el);
      return s.visibility === 'hidden' || s.display === 'none' || (s.position === 'absolute' && s.clip === 'rect(0px, 0px, 0px, 0px)') || el.closest('[aria-hidden="true"], .sr-only, .skip') !== null;
    };
    /** Inside a box that scrolls or clips on purpose (its own scrollbar), an element may be beyond the page edge. */
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (['auto', 'scroll'].includes(s.overflowX) || ['auto', 'scroll'].includes(s.overflowY)) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || hidden(el)) continue;
      if ((rect.right > width + 1 || rect.left < -1) && !inScroller(el)) out.push(`beyond the viewport (${Math.round(rect.left)}..${Math.round(rect.right)} of ${width}): ${describe(el)}`);
      const s = getComputedStyle(el);
      const clipsText = s.textOverflow === 'ellipsis' || (s.overflowX === 'hidden' && s.whiteSpace === 'nowrap');
      if (clipsText && el.scrollWidth > el.clientWidth + 1) out.push(`text cut off: ${describe(el)}`);
    }
    // A control drawn over its frame's border (a button spilling out of its fieldset onto the next one).
    for (const control of document.body.querySelectorAll('button, input, select, textarea')) {
      const frame = control.parentElement?.closest('fieldset, dialog, [role="dialog"], section, .panel');
      if (!frame || hidden(control) || inScroller(control)) continue;
      const c = control.getBoundingClientRect();
      const f = frame.getBoundingClientRect();
      if (c.width === 0 || c.height === 0) continue;
      if (c.left < f.left - 1 || c.right > f.right + 1 || c.top < f.top - 1 || c.bottom > f.bottom + 1)
        out.push(`past the edge of its ${frame.tagName.toLowerCase()} (${Math.round(c.left)}..${Math.round(c.right)} in ${Math.round(f.left)}..${Math.round(f.right)}): ${describe(control)}`);
    }
    return out.slice(0, 20);
  });
  const size = page.viewportSize();
  record({ kind: 'layout', label, viewport: size, problems });
  (options.soft ? expect.soft : expect)(problems, `layout of "${label}" at ${size?.width}×${size?.height}`).toEqual([]);
}

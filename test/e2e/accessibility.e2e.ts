/**
 * The RGAA tour (issue 16, "Accessibility and layout"): every screen, dialog and wizard step of
 * the console, in French and in English, checked by axe-core (zero violations) and for its
 * layout at 1280×820, at 1024×768 and at 200 % zoom of a 1280-pixel window (640 CSS pixels);
 * focus trapped in each dialog and given back to its opener. The labels come from the
 * console's own messages, so the English tour reads the English screen. The keyboard project
 * walks the French tour keyboard-only (axe and layouts do not depend on the input: run once).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fr } from '../../src/renderer/src/i18n/fr';
import { en } from '../../src/renderer/src/i18n/en';
import { openConsolePage, type ConsolePage } from './console-page';
import { expectAccessible, expectFitsViewport } from './support/a11y';

const STRONG = 'Quartz-Velours-92!';
const SIZES = [
  { name: '1280', width: 1280, height: 820 },
  { name: '1024', width: 1024, height: 768 },
  // 200 % zoom of a 1280×1024 window lays the page out in 640×512 CSS pixels.
  { name: 'zoom200', width: 640, height: 512 },
];
const label = (text: string) => new RegExp(`^${text.split('{{')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

for (const lang of ['fr', 'en'] as const) {
  const L = lang === 'fr' ? fr : en;
  // The keyboard run walks the French tour; the English one changes only words.
  test.describe(`RGAA tour (${lang})`, { tag: lang === 'en' ? '@mouse-only' : [] }, () => {
    let app: ConsolePage;
    let page: Page;
    test.beforeAll(async () => {
      // Second factors managed: the card's panel, its enrolment screen and its removal are on the tour too.
      app = await openConsolePage({ overrides: { secondFactor: { enabled: true } } });
      page = app.page;
    });
    test.afterAll(async () => {
      await app?.close();
    });

    /** axe, then the layout at each size; back to the first size. */
    async function stop(name: string) {
      if (app.keyboardOnly) return;
      await expectAccessible(page, `${name} (${lang})`, { soft: true });
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await expectFitsViewport(page, `${name} (${lang}) ${size.name}`, { soft: true });
        if (lang === 'fr' && size.name !== '1280' && ['lookup-results', 'card-verified', 'wizard-password', 'audit-detail'].includes(name))
          await app.screenshot(`a11y-${name}-${size.name}`);
      }
      await page.setViewportSize({ width: SIZES[0]!.width, height: SIZES[0]!.height });
    }

    /** Tab and Shift+Tab never leave the dialog; closing it gives focus back to its opener. */
    async function expectTrapped(dialog: Locator, name: string) {
      for (const key of [...Array(14).fill('Tab'), ...Array(6).fill('Shift+Tab')] as string[]) {
        await page.keyboard.press(key);
        const inside = await dialog.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el);
        expect(inside, `${name}: focus left the dialog after ${key}`).toBe(true);
      }
    }

    async function signIn(kind: 'agent' | 'supervisor') {
      const agent = app.fixture.agents.find((a) => a.kind === kind)!;
      await page.getByLabel(L.signin.login).fill(agent.login);
      await page.getByLabel(L.signin.password, { exact: true }).fill(agent.password);
      await page.getByLabel(L.signin.password, { exact: true }).press('Enter');
      await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
    }

    async function openCard(login: string) {
      await page.getByRole('searchbox').fill(login);
      // The option of this login: the results of the previous search may still be on screen.
      await expect(page.getByRole('listbox').getByRole('option').filter({ hasText: login })).toHaveCount(1);
      await page.getByRole('searchbox').press('Enter');
      await expect(page.getByTestId('account-card')).toBeVisible();
    }

    test(`every screen, dialog and wizard step (${lang})`, async () => {
      // About 30 stops, each axe and three layouts: minutes on a loaded machine.
      test.setTimeout(420_000);
      if (lang === 'en') await page.getByLabel(fr.nav.language).selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await stop('signin');
      await signIn('agent');
      await stop('lookup');
      const active = app.fixture.named['active']!;
      await page.getByRole('searchbox').fill(active.login);
      await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
      await stop('lookup-results');
      await page.getByRole('searchbox').press('Enter');
      await expect(page.getByTestId('account-card')).toBeVisible();
      await stop('card-unverified');

      await page.getByTestId('method-document').getByRole('combobox').selectOption('national-id');
      await page.getByRole('button', { name: L.verify.documentConfirm }).click();
      await expect(page.getByTestId('verification-banner')).toBeVisible();
      await stop('card-verified');

      // The confirmation before the reset, then the temporary password slip: two modal dialogs.
      const opener = page.getByRole('button', { name: L.actions.resetGenerated });
      await opener.click();
      const confirmReset = page.getByTestId('confirm-reset');
      await expect(confirmReset).toBeVisible();
      await stop('dialog-confirm-reset');
      await expectTrapped(confirmReset, 'reset confirmation');
      await confirmReset.getByRole('button', { name: L.actions.confirmReset.confirm }).click();
      const slip = page.getByTestId('generated-dialog');
      await expect(slip).toBeVisible();
      await stop('dialog-slip');
      await expectTrapped(slip, 'slip');
      await page.getByRole('button', { name: L.slip.handedOver }).click();
      await expect(slip).toBeHidden();
      await expect(opener).toBeFocused();

      // The privacy screen: the person types their password.
      const chosenOpener = page.getByRole('button', { name: L.actions.resetChosen });
      await chosenOpener.click();
      const privacy = page.getByTestId('privacy-screen');
      await expect(privacy).toBeVisible();
      await privacy.getByLabel(L.chosen.password).fill('abc');
      await stop('dialog-privacy');
      await expectTrapped(privacy, 'privacy screen');
      await privacy.getByRole('button', { name: L.chosen.cancel, exact: true }).click();
      await expect(privacy).toBeHidden();
      await expect(chosenOpener).toBeFocused();

      // The second factor: the enrolment's privacy screen (QR code, key, first code).
      const enrolOpener = page.getByTestId('second-factor').getByRole('button', { name: L.secondFactor.enrol });
      await enrolOpener.click();
      const enrolment = page.getByTestId('enrolment-screen');
      await expect(enrolment).toBeVisible();
      await expect(enrolment.getByLabel(L.secondFactor.screen.code)).toBeFocused();
      await stop('dialog-enrolment');
      await expectTrapped(enrolment, 'enrolment screen');
      await enrolment.getByRole('button', { name: L.secondFactor.screen.cancel, exact: true }).click();
      await expect(enrolment).toHaveCount(0);
      await expect(enrolOpener).toBeFocused();

      // The person's own sign-in: its privacy screen.
      const signInOpener = page.getByTestId('method-sign-in').getByRole('button', { name: L.personSignIn.open });
      await signInOpener.click();
      const personScreen = page.getByTestId('person-sign-in-screen');
      await expect(personScreen.getByLabel(L.personSignIn.password)).toBeFocused();
      await stop('dialog-person-sign-in');
      await expectTrapped(personScreen, 'person sign-in screen');
      await personScreen.getByRole('button', { name: L.personSignIn.cancel, exact: true }).click();
      await expect(personScreen).toHaveCount(0);
      await expect(signInOpener).toBeFocused();

      const history = page.getByTestId('consents-panel').getByRole('button', { name: label(L.consents.history_other) });
      if ((await history.count()) > 0) {
        await history.click();
        await stop('consents-history');
      }

      // A person whose authenticator is on the card: its removal, confirmed in a dialog.
      await page.getByRole('button', { name: L.nav.lookup, exact: true }).click();
      await openCard(app.fixture.tokenHolders.enrolled.login);
      await page.getByTestId('method-document').getByRole('combobox').selectOption('student-card');
      await page.getByRole('button', { name: L.verify.documentConfirm }).click();
      await stop('card-second-factor');
      const removeOpener = page.getByTestId('second-factor').getByRole('button', { name: L.secondFactor.remove });
      await removeOpener.click();
      const removal = page.getByTestId('remove-confirm');
      await expect(removal.getByRole('button', { name: L.secondFactor.removeYes })).toBeFocused();
      await stop('dialog-second-factor-remove');
      await expectTrapped(removal, 'removal confirmation');
      await removal.getByRole('button', { name: L.secondFactor.removeNo }).click();
      await expect(removal).toHaveCount(0);
      await expect(removeOpener).toBeFocused();

      await page.getByRole('button', { name: L.nav.lock }).click();
      await expect(page.getByRole('heading', { name: L.lock.heading })).toBeVisible();
      await stop('lock');
      const agent = app.fixture.agents.find((a) => a.kind === 'agent')!;
      await page.getByLabel(L.signin.password, { exact: true }).fill(agent.password);
      await page.getByLabel(L.signin.password, { exact: true }).press('Enter');
      await expect(page.getByTestId('account-card')).toBeVisible();

      // The activation wizard, each step.
      await page.getByRole('button', { name: L.nav.lookup, exact: true }).click();
      await openCard(app.fixture.named['neverActivated']!.login);
      await stop('card-never-activated');
      await page.getByRole('button', { name: L.activation.start }).click();
      const wizard = page.getByTestId('activation-wizard');
      const next = wizard.getByRole('button', { name: L.activation.next });
      await stop('wizard-verification');
      await page.getByTestId('method-document').getByRole('combobox').selectOption('student-card');
      await page.getByRole('button', { name: L.verify.documentConfirm }).click();
      await expect(next).toBeEnabled();
      await next.click();
      await page.getByTestId('step-question').getByRole('combobox').selectOption({ index: 1 });
      await page.getByLabel(L.activation.answer).fill('Réponse-Canari');
      await stop('wizard-question');
      await next.click();
      await page.getByTestId('step-sms').getByLabel(L.consents.accept).check();
      await page.getByLabel(L.consents.mobile).fill('06 12 34 56 78');
      await stop('wizard-sms');
      await next.click();
      await page.getByTestId('step-photo').getByLabel(L.consents.photoYes).check();
      await stop('wizard-photo');
      await next.click();
      await page.getByTestId('step-directory').getByLabel(L.account.visible).check();
      await stop('wizard-directory');
      await next.click();
      const step = page.getByTestId('step-password');
      await step.getByLabel(L.chosen.password).fill(STRONG);
      await step.getByLabel(L.chosen.confirm).fill(STRONG);
      await step.getByRole('checkbox', { name: label(L.activation.charter) }).check();
      await stop('wizard-password');
      await next.click();
      await expect(page.getByTestId('step-confirmation')).toBeVisible();
      await stop('wizard-confirmation');
      await wizard.getByRole('button', { name: L.activation.apply }).click();
      await expect(page.getByTestId('activation-done')).toBeVisible({ timeout: 20_000 });
      await stop('wizard-done');
      await page.getByRole('button', { name: L.nav.signout }).click();

      // The journal, as a supervisor: a detail, its technical part, the login suggestions.
      await signIn('supervisor');
      await page.getByRole('button', { name: L.nav.audit, exact: true }).click();
      await expect(page.getByRole('heading', { name: L.audit.heading })).toBeVisible();
      await expect(page.getByTestId('audit-table').getByRole('row').nth(1)).toBeVisible();
      await stop('audit');
      const row = page.getByTestId('audit-table').locator('[data-audit-seq]').first();
      await row.press('Enter');
      await expect(page.getByTestId('audit-detail')).toBeVisible();
      await stop('audit-detail');
      await page.getByRole('button', { name: L.journal.detail.technical }).click();
      await stop('audit-technical');
      await page.getByRole('combobox', { name: L.audit.agent }).fill('a');
      await expect(page.getByRole('listbox', { name: L.audit.agent })).toBeVisible();
      await stop('audit-suggestions');
    });
  });
}

import { describe, it } from 'vitest';
import { expectAccessible } from './a11y.ts';
import { demo } from './accounts.ts';
import { clinicDay, signInAtClinic } from './clinic-day.ts';
import { useServerAndBrowser } from './harness.ts';

// axe with a list open: React Aria hides the rest of the page from assistive technology while a
// popover is open, so what stays outside it (landmarks, the skip link) must still hold together.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

describe('console pages with a list open (the schedule’s selects, a time-zone combo box)', () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`has no axe violations with a select's list open, at ${viewport.width}px`, async () => {
      const desk = await day.context(await env.browser.newContext({ viewport }));
      const page = await desk.newPage();
      await page.goto(`${env.server.url}/console/schedule`);
      await signInAtClinic(page, day, demo.front_desk);
      await page.getByRole('grid').waitFor();
      for (const label of [/Visit type$/, /Location$/]) {
        const button = page.getByRole('button', { name: label });
        await button.focus();
        await page.keyboard.press('Enter');
        await page.getByRole('listbox').waitFor();
        await expectAccessible(page, `schedule, ${String(label)} list open`);
        await page.keyboard.press('Escape');
        await page.getByRole('listbox').waitFor({ state: 'detached' });
      }
      await desk.close();
    });
  }

  it('the time-zone list (a combo box) open on the alert rules page has no axe violations', async () => {
    const ctx = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/console/audit/rules`);
    await signInAtClinic(page, day, demo.compliance_officer);
    const form = page.getByRole('region', { name: 'Add a rule' });
    const zone = form.getByRole('combobox', { name: /^Time zone of the business hours/ });
    const typeIn = async (text: string) => {
      await zone.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(text);
      await page.getByRole('listbox').waitFor();
    };
    await typeIn('America/');
    await expectAccessible(page, 'alert rules, the time-zone list open');
    for (const width of [390, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      if ((await page.getByRole('listbox').count()) === 0) await typeIn('America/N');
      await expectAccessible(page, `alert rules, the time-zone list open at ${width}px`);
    }
    await ctx.close();
  });
});

import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

describe('a compliance officer adds an alert rule in the console', () => {
  it('adds "export outside business hours" (not among the demo’s rules) by keyboard; it stays after a reload', async () => {
    const context = await env.browser.newContext({ ...desktop, timezoneId: 'America/Chicago' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/sign-in?redirect=/console/audit/rules`);
    await signInOnPage(page, demo.compliance_officer);
    await page.getByRole('heading', { level: 1, name: 'Alert rules' }).waitFor();
    await page.getByRole('article', { name: 'Repeated refusals' }).waitFor();
    const exportRule = page.getByRole('article', { name: 'Export outside business hours' });
    expect(await exportRule.count()).toBe(0);

    const form = page.getByRole('region', { name: 'Add a rule' });
    expect(await form.getByRole('button', { name: /What to watch for$/ }).innerText()).toContain(
      'Export outside business hours',
    );
    await expectAccessibleAtConsoleWidths(page, 'alert rules with the new-rule form');
    // Business hours 08:30–17:00 in the officer's zone (the browser's, offered first).
    await form.getByLabel(/^Business hours start/).fill('08:30');
    await form.getByLabel(/^Business hours end/).fill('17:00');
    await form.getByRole('button', { name: 'Add the rule' }).press('Enter');
    await page.getByText('“Export outside business hours” added. It is on.').waitFor();
    await exportRule.getByText('Business hours 08:30–17:00 (America/Chicago)').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'alert rule added');

    const saved = (await (
      await context.request.get(`${env.server.url}/api/audit/alert-rules`)
    ).json()) as { rules: { kind: string; params: object; enabled: boolean; email: boolean }[] };
    expect(saved.rules.filter((r) => r.kind === 'export_outside_hours')).toEqual([
      expect.objectContaining({
        params: { timeZone: 'America/Chicago', start: '08:30', end: '17:00' },
        enabled: true,
        email: true,
      }),
    ]);
    await page.reload();
    await exportRule.getByText('Business hours 08:30–17:00 (America/Chicago)').waitFor();
    await context.close();
  });
});

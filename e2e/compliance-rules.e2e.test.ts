import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';

// The clinic's alerting endpoint sits in its own network: private targets are allowed here.
const env = useServerAndBrowser({ env: { HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE: 'true' } });

/** A real HTTP receiver standing in for the clinic's alerting system. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
let hookUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hourglass-alerts`;
});
afterAll(() => new Promise((r) => receiver.close(r)));

/** The error text tied to a field (aria-describedby), once the field says it is invalid. */
async function errorOf(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const page = field.page();
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('a compliance officer sets alert thresholds and webhook targets in the console', () => {
  it('lowers a threshold and adds a signed webhook; the next alert follows both', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/sign-in?redirect=/console/audit/rules`);
    await signInOnPage(page, demo.compliance_officer);
    await page.getByRole('heading', { level: 1, name: 'Alert rules' }).waitFor();
    const rule = page.getByRole('article', { name: 'Repeated refusals' });
    await rule.getByText('5 refusals of one account or address within 15 minutes').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'alert rules, editable');

    // Mistakes first: a URL with credentials and a short secret are refused beside their fields.
    const threshold = rule.getByRole('textbox', { name: /^Alert at this many/ });
    const windowField = rule.getByRole('textbox', { name: /^Within/ });
    const url = rule.getByRole('textbox', { name: /^Webhook URL/ });
    const secret = rule.getByLabel(/^Signing secret/);
    await url.fill('http://user:pw@127.0.0.1/alerts');
    await rule.getByRole('button', { name: 'Save “Repeated refusals”' }).click();
    expect(await errorOf(url)).toContain('must not carry credentials');
    await url.fill(hookUrl);
    await secret.fill('short');
    await rule.getByRole('button', { name: 'Save “Repeated refusals”' }).click();
    expect(await errorOf(secret)).not.toBe('');
    await expectAccessibleAtConsoleWidths(page, 'alert rule refused');
    const before = (await (
      await context.request.get(`${env.server.url}/api/audit/alert-rules`)
    ).json()) as { rules: { kind: string; webhookUrl: string | null }[] };
    expect(before.rules.find((r) => r.kind === 'repeated_denials')?.webhookUrl).toBeNull();

    // By keyboard: the threshold to 2 within 10 minutes, the target and its secret, then Enter.
    await threshold.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await expect.poll(() => windowField.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('10');
    await secret.fill('a-secret-of-sixteen-or-more');
    await secret.press('Enter');
    await rule.getByText('“Repeated refusals” saved.').waitFor();
    await rule.getByText('2 refusals of one account or address within 10 minutes').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'alert rule saved');
    await page.reload();
    const again = page.getByRole('article', { name: 'Repeated refusals' });
    await again.getByText('2 refusals of one account or address within 10 minutes').waitFor();
    expect(await again.getByRole('textbox', { name: /^Webhook URL/ }).inputValue()).toBe(hookUrl);

    // Two refusals are now enough, and the alert is POSTed to the target, signed.
    const desk = await env.browser.newContext();
    await signInByApi(desk.request, env.server.url, demo.front_desk);
    for (let i = 0; i < 2; i++) {
      expect((await desk.request.get(`${env.server.url}/api/audit/events`)).status()).toBe(403);
    }
    await desk.close();
    await expect.poll(() => received.length, { timeout: 45_000, interval: 250 }).toBeGreaterThan(0);
    const [hook] = received;
    expect(JSON.parse(hook!.body)).toMatchObject({ kind: 'repeated_denials' });
    const signature = createHmac('sha256', 'a-secret-of-sixteen-or-more')
      .update(hook!.body)
      .digest('hex');
    expect(hook!.headers['x-hourglass-signature']).toBe(`sha256=${signature}`);

    // Emptying the URL removes the target.
    await again.getByRole('textbox', { name: /^Webhook URL/ }).fill('');
    await again.getByRole('button', { name: 'Save “Repeated refusals”' }).click();
    await again.getByText('“Repeated refusals” saved.').waitFor();
    const after = (await (
      await context.request.get(`${env.server.url}/api/audit/alert-rules`)
    ).json()) as { rules: { kind: string; webhookUrl: string | null; webhookSigned: boolean }[] };
    expect(after.rules.find((r) => r.kind === 'repeated_denials')).toMatchObject({
      webhookUrl: null,
      webhookSigned: false,
    });
    await context.close();
  });
});

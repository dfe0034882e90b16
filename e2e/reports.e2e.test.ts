import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { deskBooksForDemoPatient } from './book-by-api.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Days ahead where the period the test reads begins: after the seeded demo week. */
const from = 21;

describe('a manager reads the reports', () => {
  it('sees utilization, lead time and attendance as charts with tables, and downloads a CSV', async () => {
    await deskBooksForDemoPatient(env.browser, env.server.url, { daysAhead: from });
    const context = await env.browser.newContext({ ...desktop, acceptDownloads: true });
    const page = await context.newPage();
    const recorder = recordLeaks(context);
    await page.goto(`${env.server.url}/sign-in?redirect=${encodeURIComponent('/console/reports')}`);
    await signInOnPage(page, demo.manager);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page
      .getByLabel('From', { exact: true })
      .fill(isoDay(new Date(Date.now() + from * 86_400_000)));
    await page.getByRole('button', { name: 'Show the reports' }).click();

    // Every chart is an image whose name reads out its bars.
    const byProvider = page.getByRole('img', { name: /^Utilization by provider and location:/ });
    await byProvider.waitFor();
    expect(await byProvider.getAttribute('aria-labelledby')).toBeTruthy();
    const utilizationName = await byProvider.evaluate(
      (svg) => svg.querySelector('title')?.textContent ?? '',
    );
    expect(utilizationName).toContain('Dr. Amara Okafor (Riverside Downtown)');
    expect(await byProvider.locator('rect.chart-bar').count()).toBeGreaterThan(1);
    await page.getByRole('img', { name: /^Visits by how far ahead they were booked:/ }).waitFor();
    const attendance = page.getByRole('img', {
      name: /^No-show and cancellation rates by appointment type:/,
    });
    await attendance.waitFor();
    await page.getByText(/^1 visit: half booked at most/).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'reports');

    // The same numbers as a table, one click away.
    const region = page.getByRole('region', { name: 'No-shows and cancellations' });
    await region.getByText('Show the numbers as a table').click();
    const row = region.getByRole('row', { name: /Follow-up visit/ });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('1');
    await expectAccessibleAtConsoleWidths(page, 'reports, attendance table open');

    // A period that ends before it starts is refused beside the field.
    await page.getByLabel('To', { exact: true }).fill('2020-01-01');
    await page.getByRole('button', { name: 'Show the reports' }).click();
    await page.getByText('must not be before from').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'reports, bad period');
    await page
      .getByLabel('To', { exact: true })
      .fill(isoDay(new Date(Date.now() + 27 * 86_400_000)));
    await page.getByRole('button', { name: 'Show the reports' }).click();
    await byProvider.waitFor();

    // CSV through the API, as a download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV: Utilization' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^utilization-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const saved = path.join(mkdtempSync(path.join(tmpdir(), 'hourglass-csv-')), 'report.csv');
    await download.saveAs(saved);
    const csv = await readFile(saved, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(
      'provider_id,provider,location_id,location,available_minutes,booked_minutes,utilization',
    );
    expect(csv).toContain('Dr. Amara Okafor');

    expect(await recorder.leaks(page, [demo.patient.email])).toEqual([]);
    await context.close();
  });
});

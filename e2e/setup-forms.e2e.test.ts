import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

async function choose(page: Page, label: RegExp, option: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('an admin builds intake forms and the visit guide', () => {
  it('publishes an intake form with a conditional question, edits the guide, and reads setup in Spanish', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(
      `${env.server.url}/sign-in?redirect=${encodeURIComponent('/console/setup/intake')}`,
    );
    await signInOnPage(page, demo.admin);
    await page.getByRole('heading', { level: 1, name: 'Intake forms' }).waitFor();
    await choose(page, /Appointment type/, 'Minor procedure');
    await page.getByText('This type has no intake form yet').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'intake builder, new form');

    await page.getByRole('textbox', { name: 'Title patients see' }).fill('Before your procedure');
    const first = page.getByRole('group', { name: 'Question 1' });
    await first
      .getByRole('textbox', { name: 'Question', exact: true })
      .fill('Do you take blood thinners?');
    await first.getByRole('textbox', { name: /^Why we ask/ }).fill('They change how we prepare.');
    await choose(page, /Answer/, 'Yes or no');
    await first.getByRole('textbox', { name: /^Code/ }).fill('thinners');
    await page.getByRole('button', { name: 'Add a question' }).click();
    const second = page.getByRole('group', { name: 'Question 2' });
    await second.getByRole('textbox', { name: 'Question', exact: true }).fill('Which one?');
    await second.getByRole('textbox', { name: /^Why we ask/ }).fill('Some need a pause first.');
    await second.getByRole('textbox', { name: /^Options/ }).fill('Warfarin\nApixaban\nOther');
    await second.getByRole('button', { name: /Ask only when/ }).click();
    await page.getByRole('option', { name: 'Do you take blood thinners? is answered' }).click();
    await second.getByRole('button', { name: /With/ }).click();
    await page.getByRole('option', { name: 'Yes', exact: true }).click();
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await page.getByText('Version 1 is published.').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'intake form published');

    const organizationId = (
      (await (await context.request.get(`${env.server.url}/api/auth/session`)).json()) as {
        account: { organizationId: string };
      }
    ).account.organizationId;
    const { appointmentTypes } = (await (
      await context.request.get(`${env.server.url}/api/organizations/demo/appointment-types`)
    ).json()) as { appointmentTypes: { id: string; name: string }[] };
    const procedure = appointmentTypes.find((t) => t.name === 'Minor procedure')!;
    const form = (await (
      await context.request.get(
        `${env.server.url}/api/organizations/${organizationId}/intake-forms/${procedure.id}`,
      )
    ).json()) as { version: number; definition: { title: string; questions: unknown[] } };
    expect(form.version).toBe(1);
    expect(form.definition).toEqual({
      title: 'Before your procedure',
      questions: [
        expect.objectContaining({ id: 'thinners', type: 'yes_no', required: true }),
        expect.objectContaining({
          id: 'question_2',
          type: 'choice',
          options: [
            { value: 'warfarin', label: 'Warfarin' },
            { value: 'apixaban', label: 'Apixaban' },
            { value: 'other', label: 'Other' },
          ],
          showWhen: { questionId: 'thinners', equals: true },
        }),
      ],
    });

    // The visit guide: change one choice's words and save; the version goes up.
    await page
      .getByRole('navigation', { name: 'Clinic setup sections' })
      .getByRole('link', { name: 'Visit guide' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Visit guide' }).waitFor();
    await page.getByText('Version 1 is live.').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'visit guide');
    const step1 = page.getByRole('group', { name: 'Step 1' });
    await step1
      .getByRole('group', { name: 'Choice 1' })
      .getByRole('textbox', { name: 'Choice (English)' })
      .fill('No, this is my first time here');
    await page.getByRole('button', { name: 'Save the guide' }).click();
    await page.getByText('Saved: version 2 is live.').waitFor();
    const guide = (await (
      await context.request.get(`${env.server.url}/api/organizations/demo/visit-guide`)
    ).json()) as { version: number; nodes: { choices: { label: { en: string } }[] }[] };
    expect(guide.version).toBe(2);
    expect(guide.nodes[0]!.choices[0]!.label.en).toBe('No, this is my first time here');

    // An empty Spanish label is refused beside its field before anything is sent.
    await step1
      .getByRole('group', { name: 'Choice 1' })
      .getByRole('textbox', { name: 'Choice (Spanish)' })
      .fill(' ');
    await page.getByRole('button', { name: 'Save the guide' }).click();
    await page.getByText('Please fill this in.').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'visit guide refused');

    // In Spanish.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Guía de visitas' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Secciones de la configuración de la clínica' })
      .getByRole('link', { name: 'Tipos de cita' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Tipos de cita' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'appointment types in Spanish');
    await context.close();
  });
});

import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { accessibleAt390And1280, fitsAt320, focusedHeading, tabTo } from './book-helpers.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { countInteractions } from './interactions.ts';

const env = useServerAndBrowser();

describe('booking by keyboard alone, and in Spanish', () => {
  it('books with Tab and Enter only, focus moving to each step’s heading', async () => {
    const context = await env.browser.newContext({ ...desktop, reducedMotion: 'reduce' });
    await signInByApi(context.request, env.server.url, { ...demo.patient, totpSecret: null });
    const page = await context.newPage();
    const count = await countInteractions(page);
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).waitFor();

    await tabTo(page, /^Book a visit$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'What do you need?' }).waitFor();
    await tabTo(page, /^Yes, I have been seen here$/);
    await page.keyboard.press('Enter');
    // The next question takes focus (the pressed button is gone).
    await page.getByText('What do you need?', { exact: true }).last().waitFor();
    await tabTo(page, /check-in on my care plan/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^By video$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Where and with whom' }).waitFor();
    expect(await focusedHeading(page)).toBe('Where and with whom');

    // All the times, by keyboard: days, then the times of the chosen day.
    await tabTo(page, /^See all times$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'When' }).waitFor();
    expect(await focusedHeading(page)).toBe('When');
    await page.getByRole('heading', { name: /^Times on / }).waitFor();
    await accessibleAt390And1280(page, 'book: when');
    await tabTo(page, /^\d{1,2}:\d\d\s[AP]M, .+, with /);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    expect(await focusedHeading(page)).toBe('Review and confirm');
    await tabTo(page, /^Confirm the booking$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    expect(await focusedHeading(page)).toBe('You are booked');
    expect(count.clicks).toBe(0);
    await context.close();
  });

  it('books in Spanish, on a phone', async () => {
    const context = await env.browser.newContext({ ...phone, reducedMotion: 'reduce' });
    await signInByApi(context.request, env.server.url, { ...demo.patient, totpSecret: null });
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('link', { name: 'Reservar una cita' }).click();
    await page.getByRole('heading', { level: 2, name: '¿Qué necesita?' }).waitFor();
    await accessibleAt390And1280(page, 'reservar: qué necesita');
    await page.getByRole('button', { name: 'Sí, ya me han atendido aquí' }).click();
    await page.getByRole('button', { name: /Un seguimiento de mi tratamiento/ }).click();
    await page.getByRole('button', { name: 'En persona' }).click();
    await page.getByRole('heading', { level: 2, name: 'Dónde y con quién' }).waitFor();
    await page.getByRole('button', { name: /^Reservar a las/ }).waitFor();
    await accessibleAt390And1280(page, 'reservar: dónde y con quién');
    await page.getByRole('button', { name: 'Ver todos los horarios' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cuándo' }).waitFor();
    await page.getByText(/^Los horarios se muestran en la hora de /).waitFor();
    await page.getByRole('button', { name: 'Cambiar la zona horaria' }).click();
    await page.getByRole('button', { name: /Zona horaria/ }).waitFor();
    await accessibleAt390And1280(page, 'reservar: cuándo, con la zona');
    expect(await fitsAt320(page)).toBe(true);
    await page
      .getByRole('list', { name: /^Horarios del / })
      .getByRole('button')
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name: 'Revise y confirme' }).waitFor();
    await page.getByText(/^Le guardamos este horario durante \d+:\d\d$/).waitFor();
    await accessibleAt390And1280(page, 'reservar: revise y confirme');
    expect(await fitsAt320(page)).toBe(true);
    await page.getByRole('button', { name: 'Confirmar la reserva' }).click();
    await page.getByRole('heading', { level: 2, name: 'Su cita está reservada' }).waitFor();
    await page.getByText('Llegue 10 minutos antes para registrarse.').waitFor();
    await accessibleAt390And1280(page, 'reservar: confirmada');
    await context.close();
  });
});

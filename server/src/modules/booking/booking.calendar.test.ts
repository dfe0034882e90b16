import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, Client, signIn } from '../../../test/identity-fixtures.ts';
import { startPortal, type Portal } from '../../../test/portal.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { fold } from './booking.calendar.ts';

// Long, with a comma: the summary line is folded and its comma escaped.
const clinicName = 'Riverside Family Health, Wellness and Care Center of Greater Boston (demo)';
let p: Portal;

beforeAll(async () => {
  p = await startPortal('calendar', clinicName);
});
afterAll(() => p.h.close());

const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('GET /api/appointments/:id/calendar.ics', () => {
  it('gives one event saying “Appointment — <clinic>”, in UTC, at the clinic’s address, as an attachment', async () => {
    const visit = await p.book(p.alice, p.at(2));
    const c = await p.as(p.alice);
    const res = await c.get(`/api/appointments/${visit.id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="appointment.ics"');
    expect(res.headers['cache-control']).toBe('no-store');
    const ics = res.body;
    // CRLF everywhere, no line over 75 octets, the folded summary still whole once unfolded.
    expect(ics.endsWith('\r\n')).toBe(true);
    const physical = ics.slice(0, -2).split('\r\n');
    expect(physical.every((l) => !l.includes('\n') && Buffer.byteLength(l) <= 75)).toBe(true);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(ics)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Hourglass//Appointments//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:${visit.id}`,
      `DTSTAMP:${utc(p.h.clock.now().toISOString())}`,
      `DTSTART:${utc(visit.start)}`,
      `DTEND:${utc(visit.end)}`,
      'SEQUENCE:1',
      'STATUS:CONFIRMED',
      `SUMMARY:Appointment — ${clinicName.replace(',', '\\,')}`,
      'LOCATION:1 Harbor Way\\, Boston\\, MA 02110\\, US',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
    // Nothing about the visit or the patient: no provider, type, location name or patient id.
    for (const secret of ['Dr. Test', 'Follow-up', 'Main', p.alice.account.patient_id!]) {
      expect(ics).not.toContain(secret);
    }
    const events = await listAuditEvents(p.h.db, {
      requestId: String(res.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome, e.resource_id, e.patient_id])).toEqual([
      ['booking.calendar.read', 'success', visit.id, p.alice.account.patient_id],
    ]);
  });

  it('leaves out any place and the video link for a video visit, and marks a cancelled one', async () => {
    const visit = await p.book(p.alice, p.at(3), { modality: 'telehealth' });
    const c = await p.as(p.alice);
    const joinUrl = (await c.get(`/api/appointments/${visit.id}`)).json().joinUrl as string | null;
    const ics = (await c.get(`/api/appointments/${visit.id}/calendar.ics`)).body;
    expect(unfold(ics).filter((l) => l.startsWith('LOCATION'))).toEqual([]);
    expect(ics).not.toMatch(/video|https?:/i);
    if (joinUrl) expect(ics).not.toContain(joinUrl.split('/').at(-1));
    await c.post(`/api/appointments/${visit.id}/cancel`, { reasonCode: 'patient_request' });
    const cancelled = unfold((await c.get(`/api/appointments/${visit.id}/calendar.ics`)).body);
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
  });

  it('is for whoever may view the appointment: the front desk yes, another patient sees nothing', async () => {
    const visit = await p.book(p.alice, p.at(4));
    const desk = await signIn(p.h, await addAccount(p.h, p.org, { roles: ['front_desk'] }));
    expect((await desk.get(`/api/appointments/${visit.id}/calendar.ics`)).statusCode).toBe(200);
    const bob = await p.as(p.bob);
    const theirs = await bob.get(`/api/appointments/${visit.id}/calendar.ics`);
    const missing = await bob.get(`/api/appointments/${crypto.randomUUID()}/calendar.ics`);
    expect([theirs.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(theirs.headers['content-type']).toMatch(/^application\/problem\+json/);
    const anonymous = await new Client(p.h).get(`/api/appointments/${visit.id}/calendar.ics`);
    expect(anonymous.statusCode).toBe(401);
    expect((await bob.get('/api/appointments/not-an-id/calendar.ics')).statusCode).toBe(400);
  });
});

describe('folding content lines (RFC 5545 §3.1)', () => {
  it('breaks at 75 octets with CRLF and a space, never inside a character', () => {
    const line = `SUMMARY:${'é'.repeat(40)}—${'x'.repeat(60)}🙂${'ü'.repeat(30)}`;
    const folded = fold(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((x) => x.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(fold('SHORT:line')).toBe('SHORT:line');
  });
});

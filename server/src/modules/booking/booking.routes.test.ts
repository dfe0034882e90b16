import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBookingRoutes } from '../../../test/booking-test-routes.ts';
import {
  addPatient,
  createClinic,
  holdRequest,
  newYorkTime,
  type Clinic,
} from '../../../test/clinic.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let h: TestApp;
let clinic: Clinic;
let patientId: string;

beforeAll(async () => {
  h = await startTestApp({ extraRoutes: testBookingRoutes });
  clinic = await createClinic(h.db, { providers: 1 });
  patientId = await addPatient(h.db, clinic.orgId);
});
afterAll(() => h.close());

const headers = () => ({ 'x-test-organization': clinic.orgId });
const holdBody = (start: string): Record<string, unknown> => holdRequest(clinic, patientId, start);
const hold = (start: string, extra: Record<string, string> = {}, payload = holdBody(start)) =>
  h.app.inject({
    method: 'POST',
    url: '/test/api/appointments',
    headers: { ...headers(), ...extra },
    payload,
  });

describe('booking over HTTP (routes mounted for a test front-desk actor)', () => {
  it('a retried POST with the same Idempotency-Key returns the first appointment, not slot-taken', async () => {
    const start = newYorkTime(4);
    const first = await hold(start, { 'idempotency-key': 'booking-retry-1' });
    expect(first.statusCode).toBe(201);
    const retry = await hold(start, { 'idempotency-key': 'booking-retry-1' });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    // Another key is another request: the patient already holds that time, and is told so.
    const other = await hold(start, { 'idempotency-key': 'booking-retry-2' });
    expect(other.statusCode).toBe(409);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({
      type: 'urn:hourglass:problem:already-held',
      status: 409,
      holdId: first.json().id,
    });
  });

  it('the same Idempotency-Key with another request is a 422 that books nothing; the same request in another key order is a retry', async () => {
    const start = newYorkTime(8);
    const key = { 'idempotency-key': 'booking-reuse-1' };
    const first = await hold(start, key);
    expect(first.statusCode).toBe(201);
    const reused = await hold(newYorkTime(8, '11:00'), key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({
      type: 'urn:hourglass:problem:idempotency-key-reused',
      status: 422,
    });
    const { rows } = await h.db.query(
      'select 1 from appointments where patient_id = $1 and starts_at = $2',
      [patientId, newYorkTime(8, '11:00')],
    );
    expect(rows).toEqual([]);
    // The same fields in another order, with a default spelled out, are the same request.
    const reordered = Object.fromEntries(
      Object.entries({ ...holdBody(start), confirm: false }).reverse(),
    );
    const retry = await hold(start, key, reordered);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
  });

  it('answers with an ETag, and a change with a stale If-Match is a 412 that changes nothing', async () => {
    const created = await hold(newYorkTime(5));
    const { id } = created.json();
    expect(created.headers.etag).toBe('"v1"');
    const confirmed = await h.app.inject({
      method: 'POST',
      url: `/test/api/appointments/${id}/confirm`,
      headers: { ...headers(), 'if-match': '"v1"' },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.headers.etag).toBe('"v2"');
    const stale = await h.app.inject({
      method: 'POST',
      url: `/test/api/appointments/${id}/cancel`,
      headers: { ...headers(), 'if-match': '"v1"' },
      payload: { reasonCode: 'patient_request' },
    });
    expect(stale.statusCode).toBe(412);
    const now = await h.app.inject({ url: `/test/api/appointments/${id}`, headers: headers() });
    expect(now.json().status).toBe('booked');
  });

  it('an invalid transition is a 409 naming the current state; an unknown reason code is a 400', async () => {
    const { id } = (await hold(newYorkTime(6))).json();
    const complete = await h.app.inject({
      method: 'POST',
      url: `/test/api/appointments/${id}/complete`,
      headers: headers(),
    });
    expect(complete.statusCode).toBe(409);
    expect(complete.json()).toMatchObject({
      type: 'urn:hourglass:problem:invalid-transition',
      currentState: 'held',
    });
    const cancel = await h.app.inject({
      method: 'POST',
      url: `/test/api/appointments/${id}/cancel`,
      headers: headers(),
      payload: { reasonCode: 'because I said so' },
    });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().errors[0].pointer).toBe('/body/reasonCode');
  });

  it('each request leaves one audit event, naming the appointment and the patient by id', async () => {
    const held = await hold(newYorkTime(7));
    const { id } = held.json();
    const { rows } = await h.db.query<{
      action: string;
      outcome: string;
      patient_id: string;
      request_id: string;
    }>(
      `select action, outcome, patient_id, request_id from audit_events
        where resource_id = $1 order by seq`,
      [id],
    );
    // The service's event, written in the booking's transaction, carries the request's id; the
    // route adds no second one for the same success.
    expect(rows).toEqual([
      {
        action: 'booking.held',
        outcome: 'success',
        patient_id: patientId,
        request_id: held.headers['x-request-id'],
      },
    ]);
    // A refused request is still recorded, by the route.
    const refused = await h.app.inject({
      method: 'POST',
      url: `/test/api/appointments/${id}/check-in`,
      headers: headers(),
      payload: {},
    });
    expect(refused.statusCode).toBe(409);
    const failed = await h.db.query<{ action: string; outcome: string }>(
      'select action, outcome from audit_events where request_id = $1',
      [refused.headers['x-request-id']],
    );
    expect(failed.rows).toEqual([{ action: 'booking.request.checkIn', outcome: 'failed' }]);
  });
});

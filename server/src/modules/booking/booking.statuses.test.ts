import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { appointmentStatuses, occupyingStatuses } from './booking.statuses.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

/** The quoted words of a constraint or index definition, in order. */
const quoted = (definition: string) => [...definition.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);

describe('the appointment statuses, one list', () => {
  it('the table refuses every status but the ones the code knows', async () => {
    const { rows } = await h.db.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = 'appointments'::regclass and contype = 'c'
          and pg_get_constraintdef(oid) like '%status = ANY%'`,
    );
    expect(rows).toHaveLength(1);
    expect(quoted(rows[0]!.def)).toEqual([...appointmentStatuses]);
  });

  it('the exclusion constraint and the schedule indexes occupy time for the same statuses', async () => {
    const { rows } = await h.db.query<{ name: string; def: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'appointments'::regclass and i.indpred is not null
          and pg_get_indexdef(i.indexrelid) like '%status = ANY%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(quoted(r.def), r.name).toEqual([...occupyingStatuses]);
  });
});

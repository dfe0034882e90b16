import { z } from 'zod';
import { deny, publicAccess } from '../src/modules/access/access.policy.ts';
import { createAudit } from '../src/modules/audit/audit.service.ts';
import type { Db } from '../src/platform/db/db.ts';
import { Conflict } from '../src/platform/http/errors.ts';
import { route, type App } from '../src/platform/http/route.ts';

/**
 * Routes that exercise the request pipeline the way module routes will: a write of
 * PHI-shaped data, a denied route, a route that fails, a route whose SQL refuses bad input.
 * They exist only in tests and go through the same route() helper.
 */
export function fixtureRoutes(app: App, db: Db) {
  route(app, {
    method: 'POST',
    url: '/api/test/notes',
    access: publicAccess,
    audit: { action: 'test.note.create', resourceType: 'note' },
    schema: {
      body: z.strictObject({
        patientName: z.string().min(1).max(100),
        age: z.number().int().min(0).max(150),
        tags: z.array(z.string().max(20)).max(5).optional(),
      }),
      response: { 201: z.object({ id: z.string() }) },
    },
    handler: async (req, reply) => {
      const { rows } = await db.query<{ id: string }>(
        'insert into test_notes (patient_name, age) values ($1, $2) returning id::text',
        [req.body.patientName, req.body.age],
      );
      req.audited.resourceId = rows[0]!.id;
      return reply.code(201).send({ id: rows[0]!.id });
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/test/search',
    access: publicAccess,
    audit: { action: 'test.note.search', resourceType: 'note' },
    schema: {
      querystring: z.strictObject({ q: z.string().max(50) }),
      response: { 200: z.object({ count: z.number() }) },
    },
    handler: async () => ({ count: 0 }),
  });

  route(app, {
    method: 'GET',
    url: '/api/test/records/:id',
    access: publicAccess,
    audit: { action: 'test.record.read', resourceType: 'record' },
    schema: {
      params: z.strictObject({ id: z.string().max(100) }),
      response: { 200: z.object({ id: z.string() }) },
    },
    // Deliberately unvalidated: the database refuses the value and quotes it in its error.
    handler: async (req) => {
      const { rows } = await db.query<{ id: string }>('select $1::uuid::text as id', [
        req.params.id,
      ]);
      return rows[0]!;
    },
  });

  // The shape of a module service: the change and its audit event in one transaction.
  route(app, {
    method: 'PUT',
    url: '/api/test/notes/:id',
    access: publicAccess,
    audit: { action: 'test.note.update.request', resourceType: 'note' },
    schema: {
      params: z.strictObject({ id: z.uuid() }),
      body: z.strictObject({ age: z.number().int().min(0).max(150), failAfter: z.boolean() }),
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      req.audited.resourceId = req.params.id;
      await db.transaction(async (tx) => {
        await tx.query('update test_notes set age = $2 where id = $1', [
          req.params.id,
          req.body.age,
        ]);
        await createAudit(tx).record(
          {
            actor: req.actor,
            action: 'test.note.update',
            resourceType: 'note',
            resourceId: req.params.id,
            outcome: 'success',
          },
          tx,
        );
        if (req.body.failAfter) throw new Conflict('resource-in-use', 'Note busy', 'Try again.');
      });
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/test/notes',
    access: deny,
    audit: { action: 'test.note.purge', resourceType: 'note' },
    schema: { response: { 204: z.null() } },
    handler: async (_req, reply) => {
      await db.query('delete from test_notes');
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/test/boom',
    access: publicAccess,
    audit: 'none',
    schema: { response: { 200: z.object({}) } },
    handler: async () => {
      throw new Error('internal detail: connection to 10.0.0.7 refused');
    },
  });
}

export async function createFixtureTables(db: Db) {
  await db.exec(
    'create table if not exists test_notes (id uuid primary key default gen_random_uuid(), patient_name text not null, age int not null)',
  );
}

export async function countNotes(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from test_notes');
  return rows[0]!.n;
}

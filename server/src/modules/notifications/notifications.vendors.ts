import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import { actorId } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { workforce } from '../access/access.policy.ts';
import type { NotificationsDeps } from './notifications.deps.ts';

/**
 * The vendor/BAA register: which PHI-handling vendors an organization has a signed Business
 * Associate Agreement with, and until when. Delivery asks `agreementInForce` before it uses a
 * channel whose adapter says it hands PHI to a vendor (SMS); without one it falls through to the
 * next channel. Admins and compliance officers keep the register.
 */
export const vendors = ['sms'] as const;

const vendorParams = z.strictObject({ vendor: z.enum(vendors) });
const date = z.iso.date();
const agreementInput = z
  .strictObject({ signedOn: date, expiresOn: date.nullable() })
  .refine((a) => a.expiresOn === null || a.expiresOn >= a.signedOn, {
    message: 'must not be before signedOn',
    path: ['expiresOn'],
  });
const agreementSchema = z.object({
  vendor: z.string(),
  signedOn: z.iso.date(),
  expiresOn: z.iso.date().nullable(),
  inForce: z.boolean(),
});

const keepRegister = workforce('admin', 'compliance_officer');

/** Whether the organization's agreement with the vendor is in force on the app clock's UTC date. */
export async function agreementInForce(
  q: Queryable,
  org: string,
  vendor: string,
  now: Date,
): Promise<boolean> {
  const { rows } = await q.query(
    `select 1 from vendor_agreements where organization_id = $1 and vendor = $2
        and signed_on <= $3::date and (expires_on is null or expires_on >= $3::date)`,
    [org, vendor, now.toISOString().slice(0, 10)],
  );
  return rows.length > 0;
}

export function vendorRoutes(app: App, deps: NotificationsDeps) {
  const orgOf = (a: { type: string; organizationId?: string }) => {
    if (a.type !== 'user' || !a.organizationId) throw new Forbidden();
    return a.organizationId;
  };

  route(app, {
    method: 'GET',
    url: '/api/notifications/vendors',
    access: keepRegister,
    audit: { action: 'notification.vendor.list', resourceType: 'vendor_agreement' },
    schema: {
      summary: 'The organization’s Business Associate Agreements with messaging vendors',
      tags: ['notifications'],
      response: { 200: z.object({ agreements: z.array(agreementSchema) }) },
    },
    handler: async (req) => {
      const org = orgOf(req.actor);
      const today = deps.clock.now().toISOString().slice(0, 10);
      const { rows } = await deps.db.query<{
        vendor: string;
        signed_on: string;
        expires_on: string | null;
      }>(
        `select vendor, signed_on::text, expires_on::text from vendor_agreements
          where organization_id = $1 order by vendor`,
        [org],
      );
      return {
        agreements: rows.map((r) => ({
          vendor: r.vendor,
          signedOn: r.signed_on,
          expiresOn: r.expires_on,
          inForce: r.signed_on <= today && (r.expires_on === null || r.expires_on >= today),
        })),
      };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/notifications/vendors/:vendor/agreement',
    access: keepRegister,
    audit: { action: 'notification.vendor.record', resourceType: 'vendor_agreement' },
    schema: {
      summary: 'Record (or replace) the signed agreement with a vendor',
      tags: ['notifications'],
      params: vendorParams,
      body: agreementInput,
    },
    handler: async (req, reply) => {
      const org = orgOf(req.actor);
      await deps.db.query(
        `insert into vendor_agreements (organization_id, vendor, signed_on, expires_on, recorded_by)
         values ($1, $2, $3, $4, $5)
         on conflict (organization_id, vendor) do update
           set signed_on = $3, expires_on = $4, recorded_by = $5, recorded_at = now()`,
        [org, req.params.vendor, req.body.signedOn, req.body.expiresOn, actorId(req.actor)],
      );
      req.audited.organizationId = org;
      req.audited.resourceId = req.params.vendor;
      return reply.code(204).send();
    },
  });
}

import { z } from 'zod';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { validSignature, type SmsConfig } from './notifications.sms.ts';
import { answerInbound } from './notifications.sms-replies.ts';
import { setDeliveryStatus } from './notifications.sms-store.ts';

/** The vendor's form fields, kept whole: the signature covers every one of them. */
const form = z.strictObject({ form: z.record(z.string(), z.string()) });

const xml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The SMS vendor's webhooks (form-encoded, as Twilio sends them): delivery status callbacks and
 * the patient's replies, each refused (403) unless `X-Twilio-Signature` is the vendor's over our
 * public URL and every field. Without SMS configured they are not found.
 */
export function smsWebhookRoutes(app: App, deps: NotificationsDeps, sms: SmsConfig | undefined) {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body: string, done) => {
        done(null, { form: Object.fromEntries(new URLSearchParams(body)) });
      },
    );
    const checked = (path: string, params: Record<string, string>, signature: unknown) => {
      if (!sms) throw new NotFound();
      const url = `${deps.publicUrl}${path}`;
      if (!validSignature(sms.authToken, url, params, signature as string | undefined)) {
        throw new Forbidden('The request is not signed by the SMS vendor.');
      }
      return sms;
    };

    route(scope as unknown as App, {
      method: 'POST',
      url: '/api/webhooks/sms/status',
      access: publicAccess,
      audit: { action: 'notification.sms.status', resourceType: 'notification' },
      schema: {
        summary: 'SMS delivery status callback (Twilio wire format, signed)',
        tags: ['notifications'],
        body: form,
      },
      handler: async (req, reply) => {
        const p = req.body.form;
        checked('/api/webhooks/sms/status', p, req.headers['x-twilio-signature']);
        const sid = p.MessageSid ?? p.SmsSid;
        const status = p.MessageStatus ?? p.SmsStatus;
        if (sid && status && /^[a-z_]{1,20}$/.test(status)) {
          const m = await setDeliveryStatus(deps.db, sid, status);
          if (m) {
            req.audited.resourceId = m.id;
            req.audited.patientId = m.patient_id;
            req.audited.organizationId = m.organization_id;
          }
        }
        return reply.code(204).send();
      },
    });

    route(scope as unknown as App, {
      method: 'POST',
      url: '/api/webhooks/sms/inbound',
      access: publicAccess,
      audit: { action: 'notification.sms.inbound', resourceType: 'notification' },
      schema: {
        summary: 'A patient’s SMS reply (Twilio wire format, signed): answered with TwiML',
        tags: ['notifications'],
        body: form,
      },
      handler: async (req, reply) => {
        const p = req.body.form;
        const sms = checked('/api/webhooks/sms/inbound', p, req.headers['x-twilio-signature']);
        const answer = await answerInbound(deps, sms.authToken, p.From ?? '', p.Body ?? '');
        if (answer.messageId) req.audited.resourceId = answer.messageId;
        if (answer.patientId) req.audited.patientId = answer.patientId;
        return reply
          .type('text/xml')
          .send(
            `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${xml(answer.reply)}</Message></Response>`,
          );
      },
    });
  });
}

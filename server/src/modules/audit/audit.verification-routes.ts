import { route, type App } from '../../platform/http/route.ts';
import { readAuditLog } from './audit.policy.ts';
import {
  verificationRequestSchema,
  verificationRunSchema,
  verificationStateSchema,
  type AuditVerification,
} from './audit.verification.ts';

/** The state of audit verification, and a run on request, for compliance officers. */
export function auditVerificationRoutes(app: App, verification: AuditVerification) {
  route(app, {
    method: 'GET',
    url: '/api/audit/verification',
    access: readAuditLog,
    audit: { action: 'audit.verification.read', resourceType: 'audit_verification' },
    schema: {
      summary: 'The verification going on now, if any, and the result of the newest that ended',
      tags: ['audit'],
      response: { 200: verificationStateSchema },
    },
    handler: async (req) => verification.state(req.actor),
  });

  route(app, {
    method: 'POST',
    url: '/api/audit/verification',
    access: readAuditLog,
    audit: { action: 'audit.verification.request', resourceType: 'audit_verification' },
    schema: {
      summary: 'Verify the audit trail now (in the background; 409 while one is running)',
      tags: ['audit'],
      body: verificationRequestSchema,
      response: { 202: verificationRunSchema },
    },
    handler: async (req, reply) => {
      const run = await verification.request(req.actor, req.body);
      req.audited.resourceId = run.id;
      return reply.code(202).send(run);
    },
  });
}

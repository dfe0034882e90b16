import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, problemTypeBase, type FieldError } from './errors.ts';
import type { ProblemSlug } from './problem-types.ts';

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem detail' });

export type Problem = z.infer<typeof problemSchema>;

function problem(
  req: FastifyRequest,
  status: number,
  slug: ProblemSlug,
  title: string,
  detail: string,
  extra: { errors?: FieldError[] } & Record<string, unknown> = {},
): Problem {
  return {
    type: problemTypeBase + slug,
    title,
    status,
    detail,
    instance: `urn:uuid:${req.id}`,
    requestId: req.id,
    ...extra,
  };
}

// Fastify's own 4xx errors, each given a stable type and a message that quotes nothing sent.
const frameworkProblems: Record<string, [number, ProblemSlug, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'payload-too-large',
    'Request body too large',
    'The request body is larger than this server accepts.',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported-media-type',
    'Unsupported media type',
    'Send the request body as application/json.',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    'malformed-json',
    'Malformed JSON',
    'The request says it carries JSON but the body is empty.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'bad-request',
    'Bad request',
    'The Content-Length header does not match the body.',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [
    400,
    'malformed-json',
    'Malformed JSON',
    'The request body is not valid JSON.',
  ],
  FST_ERR_BAD_URL: [400, 'bad-request', 'Bad request', 'The request URL is not valid.'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'bad-request', 'Bad request', 'The request cannot be routed.'],
};

const contexts: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'headers',
};

/** Maps anything thrown while serving a request to a problem, and says whether it is our fault. */
export function toProblem(err: unknown, req: FastifyRequest): Problem {
  if (err instanceof DomainError) {
    return problem(req, err.status, err.slug, err.title, err.message, {
      ...(err.errors ? { errors: err.errors } : {}),
      ...err.extensions,
    });
  }
  const e = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const where = contexts[e.validationContext ?? 'body'] ?? 'body';
    const errors = e.validation.map((v) => ({
      pointer: `/${where}${v.instancePath === '/' ? '' : v.instancePath}`,
      detail: v.message ?? 'invalid',
    }));
    return problem(
      req,
      400,
      'validation',
      'Your request has invalid fields',
      `Correct the ${errors.length === 1 ? 'field' : 'fields'} listed in errors and send it again.`,
      { errors },
    );
  }
  const known = e.code ? frameworkProblems[e.code] : undefined;
  if (known) return problem(req, ...known);
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return problem(req, status, 'bad-request', 'Bad request', 'The request could not be accepted.');
  }
  return problem(
    req,
    500,
    'internal',
    'Something went wrong on our side',
    `If your request changes something, check whether it took effect before sending it again. If this happens again, quote request id ${req.id}.`,
  );
}

/**
 * The audit trail could not record a request, so its answer is withheld (an action that cannot
 * be audited is reported, never passed over). Like `internal`, it does not promise that nothing
 * changed: a change its service committed with its own event stands.
 */
export function auditUnavailable(req: FastifyRequest): Problem {
  return problem(
    req,
    500,
    'audit-unavailable',
    'The audit trail could not record this request',
    `Its answer is withheld. Check whether your change took effect before sending it again; if it happens again, quote request id ${req.id}.`,
  );
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const body = toProblem(err, req);
  if (body.status >= 500) req.log.error({ err }, 'request failed');
  return sendProblem(reply, body);
}

export function notFoundProblem(req: FastifyRequest): Problem {
  return toProblem(new DomainError(404, 'not-found', 'Not found', 'No such resource.'), req);
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problemTypeBase } from '../../platform/http/errors.ts';
import { toProblem, type Problem } from '../../platform/http/problem.ts';

/**
 * FHIR errors: the same problems the REST API answers (one catalogue, problem-types.ts), shaped
 * as an OperationOutcome with the same HTTP status. The problem's slug is the issue's coding, its
 * field errors are issues of their own with the parameter as `expression`. 5xx carry the request
 * id only, as everywhere.
 */

export const fhirJson = 'application/fhir+json; charset=utf-8';

export const operationOutcomeSchema = z
  .looseObject({ resourceType: z.literal('OperationOutcome'), issue: z.array(z.looseObject({})) })
  .meta({ id: 'OperationOutcome' });

export type OperationOutcome = z.infer<typeof operationOutcomeSchema>;

/** The FHIR issue type (IssueType value set) nearest to an HTTP status. */
function issueCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'invalid',
    401: 'login',
    403: 'forbidden',
    404: 'not-found',
    405: 'not-supported',
    409: 'conflict',
    412: 'conflict',
    413: 'too-long',
    415: 'not-supported',
    422: 'processing',
    429: 'throttled',
  };
  return codes[status] ?? (status >= 500 ? 'exception' : 'invalid');
}

/** `/query/start` → `start`: the search parameter (or body field) the complaint is about. */
function expressionOf(pointer: string): string {
  return pointer.replace(/^\/(query|body|path)\/?/, '').replaceAll('/', '.') || pointer;
}

export function outcomeOf(problem: Problem): OperationOutcome {
  const code = issueCode(problem.status);
  const slug = problem.type.startsWith(problemTypeBase)
    ? problem.type.slice(problemTypeBase.length)
    : problem.type;
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code,
        details: {
          coding: [{ system: 'urn:hourglass:problem', code: slug, display: problem.title }],
          text: problem.detail,
        },
        diagnostics: `request id ${problem.requestId}`,
      },
      ...(problem.errors ?? []).map((e) => ({
        severity: 'error',
        code,
        details: { text: e.detail },
        expression: [expressionOf(e.pointer)],
      })),
    ],
  };
}

export function sendOutcome(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(fhirJson).send(outcomeOf(problem));
}

/** The FHIR scope's error handler: the root one's mapping, the FHIR shape. */
export function fhirErrorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err, req);
  if (problem.status >= 500) req.log.error({ err }, 'request failed');
  return sendOutcome(reply, problem);
}

const resourceSchema = z.looseObject({ resourceType: z.string(), id: z.string().optional() });

/** Every FHIR route's responses: a resource, or an OperationOutcome for any error. */
export const fhirResponses = {
  200: resourceSchema,
  '4xx': operationOutcomeSchema,
  '5xx': operationOutcomeSchema,
};

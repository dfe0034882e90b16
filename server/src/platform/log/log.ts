import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Field names that may hold PHI or secrets wherever they appear in a logged object. We log ids,
 * never bodies; this list is the second line of defence for the mistake that slips through.
 */
export const redactedKeys = [
  'password',
  'passcode',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'name',
  'givenName',
  'familyName',
  'firstName',
  'lastName',
  'legalName',
  'preferredName',
  'email',
  'phone',
  'dateOfBirth',
  'dob',
  'birthDate',
  'address',
  'mrn',
  'memberId',
  'ssn',
  'answers',
  'notes',
  'body',
  'query',
];

const redactPaths = [
  ...redactedKeys.map((k) => `["${k}"]`),
  ...redactedKeys.map((k) => `*["${k}"]`),
  'req.headers',
  'res.headers',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: serializeError },
      base: { service: 'hourglass' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

interface LoggedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

/**
 * Errors are logged by type, code, message and stack only. Database errors can quote the values
 * they refused (`invalid input syntax for type uuid: "…"`, `Key (email)=(…)`), so their quoted
 * literals are blanked and their `detail` is never logged.
 */
export function serializeError(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: 'non-error thrown' };
  const code = (err as { code?: unknown }).code;
  const fromDatabase = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  const scrub = (s: string) => (fromDatabase ? scrubLiterals(s) : s);
  return {
    type: err.name,
    message: scrub(err.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(err.stack ? { stack: scrub(err.stack) } : {}),
  };
}

export function scrubLiterals(text: string): string {
  return text.replace(/"[^"\n]*"/g, '"…"').replace(/\([^()\n]*\)=\([^\n]*\)/g, '(…)=(…)');
}

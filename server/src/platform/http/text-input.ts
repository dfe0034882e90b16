import type { FastifyInstance } from 'fastify';
import { Invalid } from './errors.ts';

/**
 * Text the database cannot keep as sent is refused at the edge, on every route: a NUL character
 * (PostgreSQL text refuses it, SQLSTATE 22021, which would surface as a 500) and an unpaired
 * UTF-16 surrogate (stored silently replaced by U+FFFD). One hook over the body, the query and
 * the path, after the route's access policy and before its zod schema, so no schema has to
 * remember it: a 400 `validation` naming the field by JSON pointer (`/body/bio`).
 */
export function refuseUnstorableText(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const at =
      unstorable(req.body, '/body') ??
      unstorable(req.query, '/query') ??
      unstorable(req.params, '/path');
    if (at !== undefined) {
      throw new Invalid('Text may not contain NUL characters or unpaired surrogates.', [
        { pointer: at, detail: 'contains a NUL character or an unpaired surrogate' },
      ]);
    }
  });
}

const storable = (s: string) => !s.includes('\u0000') && s.isWellFormed();

/** RFC 6901: `~` and `/` in a member name. */
const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** The pointer of the first string that cannot be stored (or of the object whose member name cannot), if any. */
function unstorable(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'string') return storable(value) ? undefined : pointer;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const at = unstorable(v, `${pointer}/${i}`);
      if (at !== undefined) return at;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      // A member name that cannot be stored is not echoed: the object holding it is named.
      if (!storable(key)) return pointer;
      const at = unstorable(v, `${pointer}/${escape(key)}`);
      if (at !== undefined) return at;
    }
  }
  return undefined;
}

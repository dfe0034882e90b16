import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';

/**
 * `Prefer: handling=strict|lenient` on FHIR searches (R4 http.html#prefer, search 3.1.1.3).
 * Strict, the default and what any other value means: a parameter, modifier or `_` parameter the
 * search does not support is a 400 OperationOutcome (the query schemas are strict objects), since
 * an ignored filter answers a different question than the one asked. Lenient, on request: such
 * parameters are dropped before validation, the search runs on the rest, and the Bundle says
 * which were ignored (by name only: a value may be PHI) in an entry of search mode `outcome`.
 * Values of supported parameters are checked the same in both modes. Operations ($find, $hold,
 * $book) take Parameters as a contract and stay strict.
 */

/** The query schemas of searches (searchQuerySchema): the only routes lenient handling touches. */
const searchSchemas = new WeakSet<object>();
const ignored = new WeakMap<FastifyRequest, string[]>();

export function markSearchSchema<T extends z.ZodObject>(schema: T): T {
  searchSchemas.add(schema);
  return schema;
}

/** The handling a `Prefer` header asks for (several preferences may share it, in any case). */
export function handlingOf(prefer: string | string[] | undefined): 'strict' | 'lenient' {
  const all = (Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '')).split(/[,;]/);
  for (const p of all) {
    const [name, value] = p.split('=').map((s) => s.trim().toLowerCase().replace(/^"|"$/g, ''));
    if (name === 'handling') return value === 'lenient' ? 'lenient' : 'strict';
  }
  return 'strict';
}

/** The parameters lenient handling dropped from this request's search, by name. */
export function ignoredParameters(req: FastifyRequest): readonly string[] {
  return ignored.get(req) ?? [];
}

function dropUnknown(req: FastifyRequest, where: 'query' | 'body', schema: z.ZodObject) {
  const input = req[where];
  if (!input || typeof input !== 'object') return;
  const known = new Set(Object.keys(schema.shape));
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (known.has(k)) kept[k] = v;
    else dropped.push(k.slice(0, 64));
  }
  if (dropped.length === 0) return;
  ignored.set(req, dropped);
  req[where] = kept;
}

/** Lenient handling for the scope's searches: unknown parameters dropped before validation. */
export function lenientSearches(scope: FastifyInstance) {
  scope.addHook('preValidation', async (req) => {
    if (handlingOf(req.headers.prefer) !== 'lenient') return;
    const schema = req.routeOptions.schema as { querystring?: unknown; body?: unknown } | undefined;
    for (const [where, s] of [
      ['query', schema?.querystring],
      ['body', schema?.body],
    ] as const) {
      if (s && typeof s === 'object' && searchSchemas.has(s)) {
        dropUnknown(req, where, s as z.ZodObject);
      }
    }
  });
}

/** The Bundle entry that reports ignored parameters; none when nothing was ignored. */
export function ignoredOutcomeEntries(names: readonly string[]) {
  if (names.length === 0) return [];
  const id = crypto.randomUUID();
  return [
    {
      fullUrl: `urn:uuid:${id}`,
      resource: {
        resourceType: 'OperationOutcome',
        id,
        issue: names.map((name) => ({
          severity: 'warning',
          code: 'not-supported',
          diagnostics: `The search parameter "${name}" is not supported here and was ignored (Prefer: handling=lenient).`,
        })),
      },
      search: { mode: 'outcome' },
    },
  ];
}

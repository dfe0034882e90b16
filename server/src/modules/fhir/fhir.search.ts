import { z } from 'zod';
import { Invalid } from '../../platform/http/errors.ts';
import { referencedId } from './fhir.ids.ts';
import type { FhirResource } from './fhir.resources.ts';
import { ignoredOutcomeEntries, markSearchSchema } from './fhir.handling.ts';

/**
 * Search over resources built in memory, declared per resource type: each parameter names its
 * FHIR type and how to read its values from a resource. The CapabilityStatement is written from
 * the same declarations, so it lists exactly what is searched. A comma within a value is OR, a
 * repeated parameter is AND (FHIR R4 search, 3.1.1.4 and 3.1.1.5). Unknown parameters and
 * modifiers are refused with 400 (the query schema is strict): an ignored filter would answer a
 * different question than the one asked. `Prefer: handling=lenient` drops them instead and the
 * Bundle reports them (fhir.handling.ts).
 */

export type SearchParamType = 'string' | 'token' | 'reference' | 'date';

export interface SearchParam<R = FhirResource> {
  type: SearchParamType;
  documentation: string;
  /** For a reference: the resource type it points to. */
  target?: string;
  /**
   * The resource's values: strings, tokens as `system|code`, reference targets as ids. Absent for
   * parameters the search handles itself (Slot's `start`).
   */
  values?: (r: R) => readonly string[];
}

export type SearchParams<R = FhirResource> = Record<string, SearchParam<R>>;

const MAX_VALUE = 2000;
const paramValue = z.union([z.string().max(MAX_VALUE), z.array(z.string().max(MAX_VALUE)).max(10)]);

export const defaultCount = 50;
export const maxCount = 1000;

/** The common result parameters every search takes. */
export const resultParams = {
  _count: z.coerce.number().int().min(0).max(maxCount).optional(),
  _offset: z.coerce.number().int().min(0).max(100_000).optional(),
  _format: z.enum(['json', 'application/json', 'application/fhir+json']).optional(),
};

/** A strict query schema for a resource type's search: its parameters and the result ones. */
export function searchQuerySchema(params: SearchParams<never>) {
  const shape: Record<string, z.ZodType> = { _id: paramValue.optional() };
  for (const name of Object.keys(params)) shape[name] = paramValue.optional();
  return markSearchSchema(z.strictObject({ ...shape, ...resultParams }));
}

export type RawQuery = Record<string, string | string[] | number | undefined>;

/** The values of a parameter: one list per occurrence (AND), each split at commas (OR). */
export function occurrences(query: RawQuery, name: string): string[][] {
  const raw = query[name];
  if (raw === undefined) return [];
  const all = Array.isArray(raw) ? raw : [String(raw)];
  return all.map((v, i) => {
    const alternatives = v.split(',').map((s) => s.trim());
    if (alternatives.some((a) => a === '')) {
      throw new Invalid(`The ${name} parameter has an empty value.`, [
        { pointer: `/query/${name}${all.length > 1 ? `/${i}` : ''}`, detail: 'empty value' },
      ]);
    }
    return alternatives;
  });
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matches(p: SearchParam<FhirResource>, wanted: string, have: readonly string[]): boolean {
  switch (p.type) {
    case 'string':
      return have.some((h) => fold(h).startsWith(fold(wanted)));
    case 'token': {
      if (!wanted.includes('|')) return have.some((h) => h.slice(h.indexOf('|') + 1) === wanted);
      const [system, code] = [
        wanted.slice(0, wanted.indexOf('|')),
        wanted.slice(wanted.indexOf('|') + 1),
      ];
      return have.some((h) => {
        const [hs, hc] = [h.slice(0, h.indexOf('|')), h.slice(h.indexOf('|') + 1)];
        return (system === '' ? hs === '' : hs === system) && (code === '' || hc === code);
      });
    }
    case 'reference': {
      // A reference to one of several types (Schedule's actor) compares `Type/id`.
      if (!p.target) {
        const typed = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(wanted);
        return typed !== null && have.includes(typed[1]!);
      }
      const id = referencedId(wanted, p.target ?? '');
      return id !== undefined && have.includes(id);
    }
    default:
      return false;
  }
}

/** The resources every given parameter matches (the ones `values` declares; `_id` always). */
export function filterResources<R extends FhirResource>(
  resources: readonly R[],
  params: SearchParams<R>,
  query: RawQuery,
): R[] {
  const all: SearchParams<R> = {
    _id: { type: 'token', documentation: '', values: (r) => [`|${r.id}`] },
    ...params,
  };
  const tests: ((r: R) => boolean)[] = [];
  for (const [name, p] of Object.entries(all)) {
    if (!p.values) continue;
    const read = p.values;
    for (const anyOf of occurrences(query, name)) {
      tests.push((r) => {
        const have = read(r);
        return anyOf.some((w) => matches(p as SearchParam<FhirResource>, w, have));
      });
    }
  }
  return resources.filter((r) => tests.every((t) => t(r)));
}

export interface Page {
  offset: number;
  count: number;
}

export function pageOf(query: RawQuery): Page {
  return {
    offset: typeof query._offset === 'number' ? query._offset : 0,
    count: typeof query._count === 'number' ? query._count : defaultCount,
  };
}

/**
 * A searchset Bundle of one page, with `total` and self/first/next/previous links that repeat
 * the search with another `_offset`.
 */
export function searchBundle<T = FhirResource>(opts: {
  base: string;
  path: string;
  query: RawQuery;
  matches: readonly T[];
  page: Page;
  /** How a match becomes its resource, when matches are not resources yet: only the page's are built. */
  resource?: (match: T) => FhirResource;
  /** Parameters lenient handling dropped (fhir.handling.ts), reported in an outcome entry. */
  ignored?: readonly string[];
}): FhirResource & { total: number } {
  const { base, path, query, matches: all, page } = opts;
  const toResource = opts.resource ?? ((m: T) => m as unknown as FhirResource);
  const link = (relation: string, offset: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || k === '_offset' || k === '_count') continue;
      for (const one of Array.isArray(v) ? v : [String(v)]) params.append(k, one);
    }
    params.set('_count', String(page.count));
    params.set('_offset', String(offset));
    return { relation, url: `${base}/${path}?${params}` };
  };
  const shown = all.slice(page.offset, page.offset + page.count).map(toResource);
  const links = [link('self', page.offset), link('first', 0)];
  if (page.count > 0 && page.offset + page.count < all.length) {
    links.push(link('next', page.offset + page.count));
  }
  if (page.offset > 0 && page.count > 0) {
    links.push(link('previous', Math.max(0, page.offset - page.count)));
  }
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    type: 'searchset',
    total: all.length,
    link: links,
    entry: [
      ...shown.map((resource) => ({
        fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: 'match' },
      })),
      ...ignoredOutcomeEntries(opts.ignored ?? []),
    ],
  };
}

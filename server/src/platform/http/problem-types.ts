/**
 * Every problem type the API answers with (`urn:hourglass:problem:<slug>`): its status and what a
 * client should do about it, in the order docs/problems.md lists them. The table there is written
 * from this list by `npm run docs`, and a DomainError takes only a slug named here, so a new type
 * is documented where it is added.
 */
export const problemTypes = {
  validation: {
    status: 400,
    meaning:
      'A field is missing, of the wrong type, out of range, or unknown. Fix the fields in `errors`.',
  },
  'malformed-json': {
    status: 400,
    meaning:
      'The body is not JSON, is empty, is not UTF-8, or uses `__proto__`/`constructor` keys.',
  },
  'bad-request': {
    status: 400,
    meaning:
      'The URL or headers cannot be understood (bad percent-encoding, wrong Content-Length).',
  },
  'link-expired': {
    status: 400,
    meaning:
      "An invitation, verification or reset link has expired or was already used, a visit link's appointment has ended, or a notification's action link (confirm, cancel, reschedule) expired, was used or is not one we sent. Ask for a new one, or sign in.",
  },
  unauthorized: { status: 401, meaning: 'Sign in first.' },
  'sign-in-failed': {
    status: 401,
    meaning:
      'Email or password not right, or the account cannot sign in. The same answer whether or not the account exists.',
  },
  'code-rejected': {
    status: 401,
    meaning:
      'The authenticator, recovery or emailed code (sign-in, guest booking, visit link) is wrong, expired, replaced by a newer one or already used. Enter the current code, or ask for a new one.',
  },
  forbidden: {
    status: 403,
    meaning: 'Your account may not do this (also: a session that still owes its second factor).',
  },
  'mfa-required': {
    status: 403,
    meaning:
      'The session still owes its current authenticator code; enter it before setting up another.',
  },
  'step-up-required': {
    status: 403,
    meaning:
      'A sensitive action (revealing a masked identifier, an export, a change to MFA or roles): confirm with your password or a code (`POST /api/auth/step-up`), then retry within 5 minutes.',
  },
  'cross-site-request': {
    status: 403,
    meaning:
      'A state change that did not come from this site (Origin / Sec-Fetch-Site). Reload the page.',
  },
  'not-found': {
    status: 404,
    meaning: 'No such resource — or one you may not know exists; the two look the same on purpose.',
  },
  'fhir-unsupported': {
    status: 405,
    meaning:
      'The FHIR endpoint does not implement this interaction on this resource type; `/fhir/metadata` lists what it does.',
  },
  'account-exists': {
    status: 409,
    meaning: 'An account with this email already exists in the organization.',
  },
  'clinician-provider': {
    status: 409,
    meaning:
      'The clinician role goes with a provider to act as: give `providerId` exactly when the role is given.',
  },
  'own-admin-role': {
    status: 409,
    meaning: 'An admin cannot remove their own admin role; another admin must.',
  },
  'own-account': {
    status: 409,
    meaning: 'An admin cannot disable their own account; another admin must.',
  },
  'mfa-not-pending': {
    status: 409,
    meaning: 'The session does not owe a code; nothing to verify.',
  },
  'mfa-not-enrolled': {
    status: 409,
    meaning: 'No authenticator is set up yet; set one up before asking for recovery codes.',
  },
  'email-code-not-offered': {
    status: 409,
    meaning:
      '`POST /api/auth/mfa/email-code` for an account with an authenticator app: it signs in with a TOTP or recovery code instead.',
  },
  'message-state': {
    status: 409,
    meaning:
      'A staff override of a notification that its state does not allow (send now or skip a message no longer scheduled, resend one never sent). `messageStatus` names the state; reload the message log.',
  },
  'slot-taken': {
    status: 409,
    meaning:
      'Someone else has this time (the database refused a double booking). `alternatives` lists the nearest open times: `start`, `end`, `providerId`, `locationId`, `modalities`.',
  },
  'check-in-not-open': {
    status: 409,
    meaning:
      "Check-in for this visit has not opened yet (the organization's window, by default 60 minutes before the start). `opensAt` and `closesAt` say when it can be done.",
  },
  'check-in-closed': {
    status: 409,
    meaning:
      "Check-in closed at `closedAt` (by default 30 minutes after the start, never past the visit's end). Reschedule, or mark a no-show.",
  },
  'check-in-in-person-only': {
    status: 409,
    meaning: 'A telehealth visit is joined by video, not checked in.',
  },
  'visit-not-started': {
    status: 409,
    meaning: 'A visit is completed or marked a no-show only once it has started, at `startsAt`.',
  },
  'name-taken': {
    status: 409,
    meaning:
      'Another location of the organization, resource at the location, or appointment type of the organization has this name. `errors[0].pointer` is `/body/name`: choose another.',
  },
  'verification-running': {
    status: 409,
    meaning:
      'The audit trail is being verified (`startedAt`); the result shows at `GET /api/audit/verification` when it ends.',
  },
  'already-held': {
    status: 409,
    meaning:
      "The time asked for overlaps the patient's own live hold on that provider's schedule (a second click, a retry without `Idempotency-Key`). `holdId`, `start` and `holdExpiresAt` name the hold: continue with it (confirm it) before it expires.",
  },
  'invalid-transition': {
    status: 409,
    meaning:
      "The appointment's state does not allow this (confirming an expired hold, completing a visit not checked in). `currentState` names the state.",
  },
  'cutoff-passed': {
    status: 409,
    meaning:
      'The change is too close to the visit (`cutoffHours`). Patients call the clinic; staff send an `overrideReason`.',
  },
  'resource-in-use': {
    status: 409,
    meaning:
      'Appointments take this room or piece of equipment. Move or cancel the upcoming ones first; a resource that past visits name stays on their record (rename or move it instead).',
  },
  'possible-duplicate': {
    status: 409,
    meaning:
      'A patient with the same date of birth, family name and phone or email exists; `possibleMatches` lists their ids. Check them; to register someone else, resend with `notDuplicateOf` listing those ids.',
  },
  'mrn-taken': {
    status: 409,
    meaning: 'Another patient of the clinic has this medical record number.',
  },
  'record-unreadable': {
    status: 409,
    meaning:
      'A stored record failed its integrity check (tampered, or its key version retired) and was not shown. Report the `requestId`; the operator finds the failing table, column, row and key version.',
  },
  'not-a-minor': {
    status: 409,
    meaning:
      'Guardians are recorded by staff only for patients under 18; an adult grants proxy access themselves.',
  },
  'already-revoked': { status: 409, meaning: 'The consent was revoked before; nothing changed.' },
  'precondition-failed': {
    status: 412,
    meaning:
      'The appointment changed since you read it (`If-Match` no longer matches its `ETag`). Reload it and try again.',
  },
  'payload-too-large': { status: 413, meaning: 'The body is over `HOURGLASS_BODY_LIMIT_BYTES`.' },
  'unsupported-media-type': { status: 415, meaning: 'Send `Content-Type: application/json`.' },
  'slot-unavailable': {
    status: 422,
    meaning:
      'The time breaks a scheduling rule: outside working hours, minimum notice, beyond the horizon, a holiday, time off. `reasons[]` names each (`code`, `message`).',
  },
  'overbook-not-allowed': {
    status: 422,
    meaning:
      'An overbooking (`overbookReason`) of an appointment type the clinic set up not to be overbooked (`allowsOverbooking: false`). Nothing is booked: choose a free time.',
  },
  'not-eligible': {
    status: 422,
    meaning:
      "The patient does not meet the visit type's eligibility or prerequisites (new/established patient, age range, a prior visit, intake, referral). `reasons[]` holds the first reason as a stable `code` with the type's parameters — the codes of `GET /api/me/eligibility`: `new_patients_only`, `established_patients_only`, `age_unknown` (`minAgeYears`, `maxAgeYears`), `age_below_minimum` (`minAgeYears`), `age_above_maximum` (`maxAgeYears`), `prior_visit_required` (`appointmentTypeId`, `withinDays`), `intake_required`, `referral_required`.",
  },
  'idempotency-key-reused': {
    status: 422,
    meaning:
      'This `Idempotency-Key` was first sent with a different request (another body). Nothing was booked. Send a new key with a new request; the same request with the same key gets its first answer again.',
  },
  'upload-infected': {
    status: 422,
    meaning: 'The uploaded file did not pass the virus scan and was not stored.',
  },
  'too-many-searches': {
    status: 429,
    meaning:
      'This account has searched for or looked up patients 60 times in the current 10-minute window. Wait `retryAfterSeconds` (the rest of the window).',
  },
  'too-many-attempts': {
    status: 429,
    meaning:
      'Too many failed sign-in, code or reset attempts, or too many emailed codes asked for (10 an hour per account, guest email or visit link). Wait `retryAfterSeconds` (at most 15 minutes for attempts, an hour for sends); there is no permanent lockout.',
  },
  internal: {
    status: 500,
    meaning:
      'Our fault; quote the `requestId` when reporting it. A change committed before the failure stands: check whether yours took effect before sending it again.',
  },
  'audit-unavailable': {
    status: 500,
    meaning:
      'The audit trail could not record the request, so its answer is withheld. A change already committed with its own audit event stands: check before sending again.',
  },
  unavailable: {
    status: 503,
    meaning:
      'Not ready (the web app is not built yet), email could not be sent, or the virus scanner for uploads is not configured or not answering. Try again shortly.',
  },
  'overbook-cap-reached': {
    status: 409,
    meaning:
      "The database refused an overbooking: the clinic's overbooking policy for this provider and appointment type is used up. `cap` names which: `at_once` (every extra place at this time is taken), `per_hour` or `per_day` (overbookings starting in that hour or on that day of the location's zone). Nothing is booked; `GET /api/overbook/allowance` shows what remains.",
  },
  'offer-taken': {
    status: 409,
    meaning:
      'A waitlist offer that can no longer be accepted: another patient accepted this time first, or the slot went another way. Nothing is booked; `nextOfferId` names another open offer for you, if there is one, and you stay on the waitlist.',
  },
  'offer-expired': {
    status: 409,
    meaning:
      'A waitlist offer whose hold ran out (or that was declined) before it was accepted. Nothing is booked; you stay on the waitlist for the next time that frees up.',
  },
  'series-conflict': {
    status: 409,
    meaning:
      'A recurring series could not be booked as a whole: `occurrence` names the first occurrence (index and start) that the schedule or the database refused, with `reasons` and the nearest free `alternatives`. Nothing is booked. Preview the series, then skip or move that occurrence (`changes`).',
  },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ProblemSlug = keyof typeof problemTypes;

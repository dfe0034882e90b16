import type { TypeInput } from '../../../api/setup.ts';
import type { AppointmentType } from '../../../api/types.ts';

/** The form's values: the API's input, every field present (what a new type starts with). */
export type TypeDraft = TypeInput;

export const newType: TypeDraft = {
  name: '',
  description: '',
  instructions: '',
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 120,
  horizonDays: 90,
  slotIntervalMinutes: 15,
  modalities: ['in_person'],
  requiredResourceKinds: [],
  eligibility: 'any',
  minAgeYears: null,
  maxAgeYears: null,
  prerequisites: [],
  cancelCutoffHours: 24,
  rescheduleCutoffHours: 24,
  allowsOverbooking: true,
  scope: [],
};

export const draftOf = (t: AppointmentType): TypeDraft => ({
  name: t.name,
  description: t.description,
  instructions: t.instructions,
  durationMinutes: t.durationMinutes,
  bufferBeforeMinutes: t.bufferBeforeMinutes,
  bufferAfterMinutes: t.bufferAfterMinutes,
  minNoticeMinutes: t.minNoticeMinutes,
  horizonDays: t.horizonDays,
  slotIntervalMinutes: t.slotIntervalMinutes,
  modalities: t.modalities,
  requiredResourceKinds: t.requiredResourceKinds,
  eligibility: t.eligibility,
  minAgeYears: t.minAgeYears,
  maxAgeYears: t.maxAgeYears,
  prerequisites: t.prerequisites,
  cancelCutoffHours: t.cancelCutoffHours,
  rescheduleCutoffHours: t.rescheduleCutoffHours,
  allowsOverbooking: t.allowsOverbooking,
  scope: t.scope,
});

/** A scope pair as one key, for checkbox values. */
export const pairKey = (p: { providerId: string; locationId: string }) =>
  `${p.providerId}/${p.locationId}`;
export const pairOf = (key: string) => {
  const [providerId = '', locationId = ''] = key.split('/');
  return { providerId, locationId };
};

/** NaN (an emptied number field) as null, for the optional ages. */
export const orNull = (n: number) => (Number.isNaN(n) ? null : n);

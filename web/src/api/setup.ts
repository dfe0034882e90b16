import { del, get, post, put, seg } from './client.ts';
import type {
  AppointmentType,
  AppointmentTypeInput,
  FormDefinition,
  FormView,
  Provider,
  SetupRules,
  VisitGuide,
  VisitPolicy,
} from './types.ts';

/**
 * The clinic's setup, as managers and admins change it: the directory (locations, providers,
 * rooms and equipment, appointment types, working time), intake forms, the visit guide and the
 * visit policy. Every call names the organization by its slug; bodies carry the fields.
 */
const org = (slug: string) => `/api/organizations/${seg(slug)}`;

export type Created = { id: string };

export interface LocationInput {
  name: string;
  timeZone: string;
  addressLine: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
  inPerson: boolean;
  telehealth: boolean;
}
export type ProviderInput = Omit<Provider, 'id'>;
export interface ResourceInput {
  locationId: string;
  name: string;
  kind: string;
}
export type TypeInput = Omit<AppointmentTypeInput, never>;

export const fetchProviders = (slug: string, signal?: AbortSignal) =>
  get<{ providers: Provider[] }>(`${org(slug)}/providers`, { signal });
export const fetchAppointmentTypes = (slug: string, signal?: AbortSignal) =>
  get<{ appointmentTypes: AppointmentType[] }>(`${org(slug)}/appointment-types`, { signal });
export const fetchSetupRules = (slug: string, signal?: AbortSignal) =>
  get<SetupRules>(`${org(slug)}/setup-rules`, { signal });

/** Creates (no id) or replaces (an id) one of the directory's named records. */
const save =
  <I>(path: string) =>
  async (slug: string, input: I, id?: string): Promise<Created> => {
    if (!id) return post<Created>(`${org(slug)}/${path}`, input);
    await put(`${org(slug)}/${path}/${seg(id)}`, input);
    return { id };
  };

export const saveLocation = save<LocationInput>('locations');
export const saveProvider = save<ProviderInput>('providers');
export const saveResource = save<ResourceInput>('resources');
export const saveAppointmentType = save<TypeInput>('appointment-types');
export const removeResource = (slug: string, id: string) =>
  del(`${org(slug)}/resources/${seg(id)}`);

export interface WorkingHoursInput {
  providerId: string;
  locationId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}
export interface DateOverrideInput {
  providerId: string;
  locationId: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
}
export interface TimeOffInput {
  providerId: string;
  start: string;
  end: string;
  reasonCode: string;
}

export type RuleKind = 'working-hours' | 'date-overrides' | 'time-off';
export const addWorkingHours = (slug: string, input: WorkingHoursInput) =>
  post<Created>(`${org(slug)}/working-hours`, input);
export const addDateOverride = (slug: string, input: DateOverrideInput) =>
  post<Created>(`${org(slug)}/date-overrides`, input);
export const addTimeOff = (slug: string, input: TimeOffInput) =>
  post<Created>(`${org(slug)}/time-off`, input);
export const removeRule = (slug: string, kind: RuleKind, id: string) =>
  del(`${org(slug)}/${kind}/${seg(id)}`);
export const setHoliday = (slug: string, input: { date: string; name: string }) =>
  post<Created>(`${org(slug)}/holidays`, input);
export const removeHoliday = (slug: string, date: string) =>
  del(`${org(slug)}/holidays/${seg(date)}`);

/** The current intake form of a type (404 `not-found` when it has none yet). */
export const fetchTypeForm = (organizationId: string, typeId: string, signal?: AbortSignal) =>
  get<FormView>(`/api/organizations/${seg(organizationId)}/intake-forms/${seg(typeId)}`, {
    signal,
  });
/** Publishes the next version of a type's intake form (admins). */
export const defineForm = (typeId: string, definition: FormDefinition) =>
  post<FormView>(`/api/intake/forms/${seg(typeId)}`, definition);

export type VisitGuideView = VisitGuide & { version: number };
export const fetchVisitGuide = (slug: string, signal?: AbortSignal) =>
  get<VisitGuideView>(`${org(slug)}/visit-guide`, { signal });
export const saveVisitGuide = (slug: string, guide: VisitGuide) =>
  put(`${org(slug)}/visit-guide`, guide);

export type VisitPolicyView = VisitPolicy & { version: number; updatedAt: string | null };
export const fetchVisitPolicy = (signal?: AbortSignal) =>
  get<VisitPolicyView>('/api/admin/visit-policy', { signal });
export const saveVisitPolicy = (policy: VisitPolicy) =>
  put<VisitPolicyView>('/api/admin/visit-policy', policy);

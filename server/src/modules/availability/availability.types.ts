/**
 * The availability engine's inputs and outputs. Instants are epoch milliseconds; rules are
 * wall-clock times in the location's IANA zone. No I/O anywhere in the engine.
 */

export type Modality = 'in_person' | 'telehealth';

export interface EngineType {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  slotIntervalMinutes: number;
  modalities: readonly Modality[];
  /** Resource kinds an in-person visit needs one of each (a telehealth visit needs none). */
  requiredResourceKinds: readonly string[];
}

export interface WeeklyRule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** HH:MM local. */
  startTime: string;
  endTime: string;
  /** YYYY-MM-DD local, inclusive; null for open-ended. */
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** Replaces the weekly hours of its date; without times, the day is closed. */
export interface DateOverride {
  date: string;
  startTime: string | null;
  endTime: string | null;
}

export interface Interval {
  start: number;
  end: number;
}

/** Time an existing appointment or hold occupies: `start`/`end` include its buffers. */
export interface Block extends Interval {
  appointmentStart: number;
  appointmentEnd: number;
}

/** One provider at one location, with every rule that shapes their time there. */
export interface Candidate {
  providerId: string;
  providerName: string;
  locationId: string;
  timeZone: string;
  inPerson: boolean;
  telehealth: boolean;
  weekly: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  timeOff: readonly Interval[];
  /** The provider's occupied time, at any location. */
  blocks: readonly Block[];
}

export interface ResourceState {
  id: string;
  name: string;
  kind: string;
  locationId: string;
  blocks: readonly Interval[];
}

export interface EngineInput {
  type: EngineType;
  candidates: readonly Candidate[];
  resources: readonly ResourceState[];
  /** Organization holidays, local dates (closed at every location, in that location's zone). */
  holidays: readonly string[];
  now: number;
  /** Slots whose start lies in [start, end). */
  window: Interval;
  /** Only slots offering this modality. */
  modality?: Modality | undefined;
}

export interface Slot {
  start: number;
  end: number;
  providerId: string;
  locationId: string;
  modalities: Modality[];
  /** For an in-person visit: the resource of each required kind that is free (first by name). */
  resourceIds: string[];
}

export interface Reason {
  code:
    | 'not-offered-here'
    | 'outside-window'
    | 'minimum-notice'
    | 'beyond-horizon'
    | 'holiday'
    | 'closed-day'
    | 'outside-working-hours'
    | 'misaligned'
    | 'time-off'
    | 'booked'
    | 'buffer'
    | 'resource-taken'
    | 'modality-unavailable';
  message: string;
}

/**
 * The time providers and resources are occupied, and whether any hold past its expiry lies in the
 * way (a booking transaction then clears it): what the booking module tells availability.
 */
export interface OccupiedTime {
  expiredHolds: boolean;
  byProvider: Map<string, Block[]>;
  byResource: Map<string, Interval[]>;
}

/**
 * How occupied time is read in the loader's statement: SQL for one json value over the scope
 * (adding its parameters, e.g. the clock's time), and how to read that value. Booking implements
 * it (booking.occupancy.ts) and app.ts hands it to availability, so availability imports nothing
 * from booking.
 */
export interface Occupancy {
  sql(
    refs: { providers: string; locations: string; from: string; to: string },
    values: { excludeId: string | null; now: Date },
    params: { add(value: unknown, cast?: string): string },
    detailed: boolean,
  ): string;
  read(value: unknown, detailed: boolean): OccupiedTime;
}

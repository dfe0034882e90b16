import { describe, expect, it } from 'vitest';
import { expectValidFhir } from '../../../test/fhir-validate.ts';
import { recordBundle, statusHistoryExtension } from './fhir.record.ts';

const patientId = '6f1c2a52-52a4-4f7e-9d8b-0d6b8a1c2e11';

describe('the right-of-access export as a FHIR Bundle', () => {
  it('holds the Patient, Appointments with history, QuestionnaireResponses and Consents, all valid', () => {
    const bundle = recordBundle({
      exportedAt: '2026-12-04T12:00:00.000Z',
      patient: {
        id: patientId,
        legalName: { given: 'Ana', family: 'Rivera' },
        dateOfBirth: '1980-12-10',
        sex: 'female',
        email: 'ana@example.org',
        mrn: 'MRN-20417',
      },
      appointments: [
        {
          id: '0b0c8f5e-4d0e-4a57-9a53-1d2a3b4c5d6e',
          start: '2026-12-10T15:00:00.000Z',
          end: '2026-12-10T15:30:00.000Z',
          status: 'cancelled',
          appointmentType: { id: '1b0c8f5e-4d0e-4a57-9a53-1d2a3b4c5d6e', name: 'Follow-up' },
          provider: { id: '2b0c8f5e-4d0e-4a57-9a53-1d2a3b4c5d6e', displayName: 'Dr. Okafor' },
          location: { id: '3b0c8f5e-4d0e-4a57-9a53-1d2a3b4c5d6e', name: 'Boston' },
          history: [
            { at: '2026-12-01T10:00:00.000Z', from: null, to: 'booked', by: 'patient' },
            { at: '2026-12-02T10:00:00.000Z', from: 'booked', to: 'cancelled', by: 'patient' },
          ],
        },
      ],
      intakeSubmissions: [
        {
          formId: 'new-patient',
          version: 2,
          submittedAt: '2026-12-01T10:05:00.000Z',
          answers: { allergies: 'none', smoker: false, visits: 3, symptoms: ['cough', 'fever'] },
        },
      ],
      consents: [
        {
          id: '4b0c8f5e-4d0e-4a57-9a53-1d2a3b4c5d6e',
          kind: 'proxy',
          proxyName: 'Luis Rivera',
          grantedAt: '2026-11-01T10:00:00.000Z',
          validUntil: null,
          revokedAt: null,
        },
        {
          id: '5b0c8f5e-4d0e-4a57-9a53-1d2a3b4c5d6e',
          kind: 'guardian',
          grantedAt: '2026-01-01T10:00:00.000Z',
          validUntil: '2026-06-01T00:00:00.000Z',
          revokedAt: null,
        },
      ],
    }) as unknown as { type: string; entry: { resource: Record<string, unknown> }[] };
    expectValidFhir(bundle);
    expect(bundle.type).toBe('collection');
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types).toEqual([
      'Patient',
      'Appointment',
      'QuestionnaireResponse',
      'Consent',
      'Consent',
    ]);
    const appointment = bundle.entry[1]!.resource as {
      status: string;
      extension: { url: string; extension: { url: string; valueCode?: string }[] }[];
    };
    expect(appointment.status).toBe('cancelled');
    expect(appointment.extension.map((e) => e.url)).toEqual([
      statusHistoryExtension,
      statusHistoryExtension,
    ]);
    expect(appointment.extension[1]!.extension.find((x) => x.url === 'status')!.valueCode).toBe(
      'cancelled',
    );
    const qr = bundle.entry[2]!.resource as { item: { linkId: string; answer: object[] }[] };
    expect(qr.item.find((i) => i.linkId === 'symptoms')!.answer).toEqual([
      { valueString: 'cough' },
      { valueString: 'fever' },
    ]);
    expect(bundle.entry[3]!.resource.status).toBe('active');
    expect(bundle.entry[4]!.resource.status).toBe('inactive');
  });
});

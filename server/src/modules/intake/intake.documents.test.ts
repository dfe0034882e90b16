import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit } from '../audit/audit.service.ts';
import { ada, openClinic, type Clinic } from '../patients/patients.fixtures.ts';
import {
  createDocuments,
  detectContentType,
  maxDocumentBytes,
  type Documents,
} from './intake.documents.ts';
import { noScanner, type Scanner } from './intake.scanner.ts';

// What happens before a file reaches the scanner. Scanning itself runs against ClamAV in
// intake.documents.int.test.ts (npm run test:int).
let c: Clinic;
let docs: Documents;
let patientId: string;
const patient = () => ({
  type: 'patient' as const,
  id: `account-${patientId}`,
  patientId: patientId,
  organizationId: c.org,
});
const b64 = (b: Buffer) => b.toString('base64');
const documentsWith = (scanner: Scanner) =>
  createDocuments({
    db: c.t.db,
    vault: c.vault,
    audit: createAudit(c.t.db),
    patients: c.patients,
    scanner,
  });

beforeAll(async () => {
  c = await openClinic();
  docs = documentsWith(noScanner);
  patientId = (await c.patients.register(c.as('front_desk'), ada())).id;
});
afterAll(() => c.drop());

describe('document uploads, before scanning', () => {
  it('recognise PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(detectContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(
      detectContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toBe('image/png');
    expect(detectContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectContentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectContentType(Buffer.from('<html>%PDF-'))).toBeNull();
  });

  it('refuse a file whose content is not on the allow-list, whatever it claims to be', async () => {
    await expect(
      docs.upload(patient(), patientId, {
        kind: 'insurance_card',
        content: b64(Buffer.from('MZ this is a program')),
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ pointer: '/body/content', detail: 'is not a PDF, PNG or JPEG file' }],
    });
  });

  it('refuse a file over the size limit', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(maxDocumentBytes)]);
    await expect(
      docs.upload(patient(), patientId, { kind: 'insurance_card', content: b64(big) }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('refuse every upload when no scanner is configured, storing nothing', async () => {
    await expect(
      docs.upload(patient(), patientId, {
        kind: 'insurance_card',
        content: b64(Buffer.from('%PDF-1.4 card')),
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(
      (await c.t.db.query<{ n: number }>('select count(*)::int as n from intake_documents'))
        .rows[0]!.n,
    ).toBe(0);
  });

  it('refuse uploads to another patient and listings to roles that read no documents', async () => {
    const other = {
      type: 'patient' as const,
      id: '00000000-0000-4000-8000-000000000001',
      organizationId: c.org,
    };
    await expect(
      docs.upload(other, patientId, {
        kind: 'insurance_card',
        content: b64(Buffer.from('%PDF-1.4')),
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(docs.list(c.as('manager'), patientId)).rejects.toMatchObject({ status: 404 });
  });
});

describe('listing documents', () => {
  it('records the id of every document the listing returned, and only those', async () => {
    const scanned = documentsWith({ scan: async () => 'clean' });
    const pdf = (text: string) => b64(Buffer.from(`%PDF-1.4 ${text}`));
    const card = await scanned.upload(patient(), patientId, {
      kind: 'insurance_card',
      content: pdf('card'),
    });
    // A referral letter is not the front desk's to see: it is neither returned nor recorded.
    await scanned.upload(patient(), patientId, { kind: 'referral_letter', content: pdf('letter') });
    const listed = await scanned.list(c.as('front_desk'), patientId);
    expect(listed.map((d) => d.id)).toEqual([card.id]);
    const { rows } = await c.t.db.query(
      `select resource_ids, patient_id from audit_events where action = 'intake.document.list'`,
    );
    expect(rows).toEqual([{ resource_ids: [card.id], patient_id: patientId }]);
  });
});

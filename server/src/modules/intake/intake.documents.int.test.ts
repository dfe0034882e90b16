import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/harness.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { ada, openClinic, type Clinic } from '../patients/patients.fixtures.ts';
import { createDocuments, type Documents } from './intake.documents.ts';
import { commandScanner } from './intake.scanner.ts';

/**
 * Uploads against a real ClamAV (Debian's clamscan). No signatures can be downloaded here, so the
 * test writes its own signature database holding the EICAR test string.
 */
// Built from two halves so that this source file is not itself flagged by a scanner.
const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-clamav-'));
const signatures = path.join(dir, 'hourglass-test.ndb');
writeFileSync(signatures, `Hourglass.Test.EICAR:0:*:${Buffer.from(eicar).toString('hex')}\n`);

let c: Clinic;
let docs: Documents;
let patientId: string;
let treats = false;
const patient = () => ({
  type: 'patient' as const,
  id: `account-${patientId}`,
  patientId: patientId,
  organizationId: c.org,
});
const pdf = (body: string) => Buffer.from(`%PDF-1.4\n${body}\n%%EOF\n`).toString('base64');

beforeAll(async () => {
  c = await openClinic();
  const { scanCommand } = testConfig({
    HOURGLASS_SCAN_COMMAND: `clamscan --no-summary -d ${signatures} -`,
  });
  docs = createDocuments({
    db: c.t.db,
    vault: c.vault,
    audit: createAudit(c.t.db),
    patients: c.patients,
    scanner: commandScanner(scanCommand!),
    relations: { patientAtLocations: async () => false, treats: async () => treats },
  });
  patientId = (await c.patients.register(c.as('front_desk'), ada())).id;
});
afterAll(async () => {
  await c.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('document uploads scanned by ClamAV', () => {
  it('a clean insurance card is stored encrypted and downloads for the patient and the front desk only', async () => {
    const stored = await docs.upload(patient(), patientId, {
      kind: 'insurance_card',
      content: pdf('card-canary-77'),
    });
    expect(stored).toMatchObject({ kind: 'insurance_card', contentType: 'application/pdf' });
    const { rows } = await c.t.db.query<{ content: Uint8Array }>(
      'select content from intake_documents',
    );
    expect(Buffer.from(rows[0]!.content).includes(Buffer.from('card-canary'))).toBe(false);

    for (const who of [patient(), c.as('front_desk')]) {
      const got = await docs.download(who, patientId, stored.id);
      expect(got.content.toString()).toContain('card-canary-77');
    }
    treats = true;
    await expect(docs.download(c.as('clinician'), patientId, stored.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(docs.download(c.as('manager'), patientId, stored.id)).rejects.toMatchObject({
      status: 404,
    });
    const events = (await listAuditEvents(c.t.db)).filter(
      (e) => e.resource_type === 'intake-document',
    );
    expect(events.map((e) => e.action)).toEqual([
      'intake.document.upload',
      'intake.document.download',
      'intake.document.download',
    ]);
  });

  it('a referral letter is for the clinician who treats the patient, not the front desk', async () => {
    const letter = await docs.upload(c.as('front_desk'), patientId, {
      kind: 'referral_letter',
      content: pdf('referral'),
    });
    treats = true;
    expect((await docs.download(c.as('clinician'), patientId, letter.id)).contentType).toBe(
      'application/pdf',
    );
    await expect(docs.download(c.as('front_desk'), patientId, letter.id)).rejects.toMatchObject({
      status: 404,
    });
    expect((await docs.list(c.as('front_desk'), patientId)).map((d) => d.kind)).toEqual([
      'insurance_card',
    ]);
    treats = false;
    await expect(docs.download(c.as('clinician'), patientId, letter.id)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('a file carrying the EICAR test signature is refused and nothing is stored', async () => {
    const before = await c.t.db.query('select count(*)::int as n from intake_documents');
    await expect(
      docs.upload(patient(), patientId, { kind: 'referral_letter', content: pdf(eicar) }),
    ).rejects.toMatchObject({ status: 422, slug: 'upload-infected' });
    expect(await c.t.db.query('select count(*)::int as n from intake_documents')).toEqual(before);
  });

  it('a scanner that cannot run refuses the upload (503) rather than storing it unscanned', async () => {
    const broken = createDocuments({
      db: c.t.db,
      vault: c.vault,
      audit: createAudit(c.t.db),
      patients: c.patients,
      scanner: commandScanner([
        'clamscan',
        '--no-summary',
        '-d',
        path.join(dir, 'missing.ndb'),
        '-',
      ]),
    });
    await expect(
      broken.upload(patient(), patientId, { kind: 'insurance_card', content: pdf('x') }),
    ).rejects.toMatchObject({ status: 503 });
  });
});

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { FieldLocation } from '../../platform/crypto/vault.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { DomainError, Invalid, NotFound } from '../../platform/http/errors.ts';
import type { Audit, Patients } from '../patients/patients.service.ts';
import {
  mayAccess,
  requireAccess,
  type Permission,
  type Relations,
} from '../access/access.table.ts';
import type { Scanner } from './intake.scanner.ts';
import {
  countDocumentsByVersion,
  findDocument,
  insertDocument,
  listDocuments,
  lockStaleDocuments,
  rewriteDocument,
  type DocumentRow,
} from './intake.documents.store.ts';

export const documentKinds = ['referral_letter', 'insurance_card'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const maxDocumentBytes = 5 * 1024 * 1024;

/** Who may download each kind is the access table's (`document:<kind>.read`). */
const readPermission = {
  insurance_card: 'document:insurance_card.read',
  referral_letter: 'document:referral_letter.read',
} as const satisfies Record<DocumentKind, Permission>;

/** The allow-list, checked on the content's first bytes; the declared type is never trusted. */
const signatures: { type: string; magic: number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export function detectContentType(content: Buffer): string | null {
  return signatures.find((s) => s.magic.every((b, i) => content[i] === b))?.type ?? null;
}

export const uploadSchema = z.strictObject({
  kind: z.enum(documentKinds),
  /** The file, base64-encoded. */
  content: z.base64().max(Math.ceil((maxDocumentBytes * 4) / 3) + 4),
});

export const documentViewSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(documentKinds),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});
export type DocumentView = z.infer<typeof documentViewSchema>;

export class Infected extends DomainError {
  constructor() {
    super(
      422,
      'upload-infected',
      'The file did not pass the virus scan',
      'The file was not stored. Scan your device, then upload a clean copy.',
    );
  }
}

const at = (organizationId: string, id: string): FieldLocation => ({
  organizationId,
  dataClass: 'documents',
  table: 'intake_documents',
  column: 'content',
  rowId: id,
});

const view = (r: DocumentRow): DocumentView => ({
  id: r.id,
  kind: r.kind,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  uploadedAt: r.uploaded_at.toISOString(),
});

export function createDocuments(deps: {
  db: Db;
  vault: Vault;
  audit: Audit;
  patients: Patients;
  scanner: Scanner;
  /** What the access table asks other modules (a clinician's patients, a desk's locations). */
  relations?: Relations;
}) {
  const { db, vault, audit, patients, scanner } = deps;
  const ctx = (actor: Actor, q: Queryable) => ({ actor, q, relations: deps.relations });
  const record = (
    actor: Actor,
    tx: Queryable,
    action: string,
    patientId: string,
    resourceId: string,
    organizationId: string,
    resourceIds?: string[],
  ) =>
    audit.record(
      {
        actor,
        action,
        resourceType: 'intake-document',
        resourceId,
        patientId,
        organizationId,
        outcome: 'success',
        ...(resourceIds ? { resourceIds } : {}),
      },
      tx,
    );

  const mayRead = (q: Queryable, actor: Actor, patientId: string, kind: DocumentKind) =>
    mayAccess(ctx(actor, q), readPermission[kind], patientId);

  return {
    /** Checks size and type by content, scans, then stores encrypted; nothing is kept otherwise. */
    async upload(
      actor: Actor,
      patientId: string,
      input: { kind: DocumentKind; content: string },
    ): Promise<DocumentView> {
      await requireAccess(ctx(actor, db), 'document:upload', patientId);
      const content = Buffer.from(input.content, 'base64');
      if (content.length === 0 || content.length > maxDocumentBytes) {
        throw new Invalid(
          `A document must be between 1 byte and ${maxDocumentBytes / 1024 / 1024} MB.`,
          [{ pointer: '/body/content', detail: 'is empty or too large' }],
        );
      }
      const contentType = detectContentType(content);
      if (!contentType) {
        throw new Invalid('Upload a PDF, PNG or JPEG file.', [
          { pointer: '/body/content', detail: 'is not a PDF, PNG or JPEG file' },
        ]);
      }
      // Resolve the patient before scanning, so a caller learns nothing about records not theirs.
      const org = await db.transaction(
        async (tx) => (await patients.loadForService(actor, tx, patientId)).organizationId,
      );
      if ((await scanner.scan(content)) !== 'clean') throw new Infected();
      return db.transaction(async (tx) => {
        await patients.loadForService(actor, tx, patientId);
        const id = randomUUID();
        const sealed = await vault.encrypt(tx, at(org, id), content);
        await insertDocument(tx, {
          id,
          organization_id: org,
          patient_id: patientId,
          kind: input.kind,
          content_type: contentType,
          size_bytes: content.length,
          key_version: vault.versionOf(sealed),
          content: sealed,
          uploaded_by: actor.type === 'user' ? `user:${actor.id}` : 'patient',
        });
        await record(actor, tx, 'intake.document.upload', patientId, id, org);
        return view((await findDocument(tx, org, patientId, id))!);
      });
    },

    /** The documents the actor may open (metadata only). Audited as a view. */
    async list(actor: Actor, patientId: string): Promise<DocumentView[]> {
      await requireAccess(ctx(actor, db), 'document:list', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const out: DocumentView[] = [];
        for (const r of await listDocuments(tx, p.organizationId, patientId)) {
          if (await mayRead(tx, actor, patientId, r.kind)) out.push(view(r));
        }
        const ids = out.map((d) => d.id);
        await record(
          actor,
          tx,
          'intake.document.list',
          patientId,
          patientId,
          p.organizationId,
          ids,
        );
        return out;
      });
    },

    /** One document's bytes, for the roles that need that kind. Every download is audited. */
    async download(actor: Actor, patientId: string, documentId: string) {
      await requireAccess(ctx(actor, db), 'document:list', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const doc = await findDocument(tx, p.organizationId, patientId, documentId);
        if (!doc) throw new NotFound();
        await requireAccess(ctx(actor, tx), readPermission[doc.kind], patientId);
        const content = await readingEncrypted(() =>
          vault.decryptBytes(tx, at(p.organizationId, doc.id), doc.content),
        );
        await record(actor, tx, 'intake.document.download', patientId, doc.id, p.organizationId);
        return { contentType: doc.content_type, content };
      });
    },
  };
}

export type Documents = ReturnType<typeof createDocuments>;

export const documentsTable: EncryptedTable = {
  name: 'intake_documents',
  dataClass: 'documents',
  countByVersion: (db) => countDocumentsByVersion(db),
  async reencryptBatch(tx, vault, org, limit) {
    const current = await vault.currentVersion(tx, org, 'documents');
    const rows = await lockStaleDocuments(tx, org, current, limit);
    for (const r of rows) {
      const sealed = await vault.encrypt(
        tx,
        at(org, r.id),
        await vault.decryptBytes(tx, at(org, r.id), r.content),
      );
      await rewriteDocument(tx, org, r.id, vault.versionOf(sealed), sealed);
    }
    return rows.map((r) => r.id);
  },
};

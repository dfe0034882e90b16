import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { systemClock, type Clock } from '../../platform/time/clock.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { FieldLocation, Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import type { Audit } from '../patients/patients.service.ts';
import type { Patients } from '../patients/patients.service.ts';
import { mask } from '../patients/patients.projection.ts';
import { requireAccess, type Permission, type Relations } from '../access/access.table.ts';
import type { Answers, FormDefinition, FormView, SubmissionView } from './intake.schema.ts';
import {
  deleteDraft,
  deleteExpiredDrafts,
  ensureDraftRow,
  findDraft,
  findForm,
  findLatestForm,
  insertForm,
  insertSubmission,
  listSubmissions,
  nextSubmissionVersion,
  writeDraft,
  type FormRow,
} from './intake.store.ts';
import { validateAnswers } from './intake.validate.ts';

export const draftLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const purger: Actor = { type: 'system', job: 'intake.purge-drafts' };

export function answersAt(
  organizationId: string,
  table: 'intake_drafts' | 'intake_submissions',
  rowId: string,
): FieldLocation {
  return { organizationId, dataClass: 'clinical', table, column: 'answers', rowId };
}

const formView = (f: FormRow): FormView => ({
  id: f.id,
  appointmentType: f.appointment_type,
  version: f.version,
  definition: f.definition,
});

export function createIntake(deps: {
  db: Db;
  vault: Vault;
  audit: Audit;
  patients: Patients;
  /** What the access table asks other modules (a clinician's patients); none: clinicians see none. */
  relations?: Relations;
  /** The app's clock: draft expiry and the purge; the system clock when not given. */
  clock?: Clock;
}) {
  const { db, vault, audit, patients } = deps;
  const clock = deps.clock ?? systemClock;
  const access = (q: Queryable, actor: Actor, permission: Permission, id = '') =>
    requireAccess({ actor, q, relations: deps.relations }, permission, id);
  const record = (
    actor: Actor,
    tx: Queryable,
    action: string,
    patientId: string,
    resourceId: string,
    organizationId: string,
  ) =>
    audit.record(
      {
        actor,
        action,
        resourceType: 'intake',
        resourceId,
        patientId,
        organizationId,
        outcome: 'success',
      },
      tx,
    );

  const formFor = async (tx: Queryable, org: string, formId: string) => {
    const form = await findForm(tx, org, formId);
    if (!form) throw new NotFound();
    return form;
  };

  /** The form a patient, front desk or guest fills in: a guest only its visit's (access.record). */
  const formToFill = async (tx: Queryable, actor: Actor, org: string, formId: string) => {
    const form = await formFor(tx, org, formId);
    await access(tx, actor, 'intake:form.fill', form.appointment_type);
    return form;
  };

  const invalid = (errors: ReturnType<typeof validateAnswers>) => {
    if (errors.length) throw new Invalid('Some answers do not fit the form.', errors);
  };

  /** Staff see sensitive answers masked; the patient sees their own in full. */
  const shown = (actor: Actor, form: FormDefinition, answers: Answers): Answers => {
    if (actor.type === 'patient') return answers;
    const sensitive = new Set(form.questions.filter((q) => q.sensitive).map((q) => q.id));
    return Object.fromEntries(
      Object.entries(answers).map(([k, v]) => [
        k,
        sensitive.has(k) && typeof v === 'string' ? mask(v) : v,
      ]),
    );
  };

  return {
    /** A new version of the form for an appointment type; earlier versions stay for old answers. */
    async defineForm(
      actor: Actor,
      appointmentType: string,
      definition: FormDefinition,
    ): Promise<FormView> {
      await access(db, actor, 'intake:form.define');
      if (actor.type !== 'user') throw new Forbidden();
      return db.transaction(async (tx) => {
        const form = await insertForm(tx, actor.organizationId, appointmentType, definition);
        await audit.record(
          {
            actor,
            action: 'intake.form.define',
            resourceType: 'intake-form',
            resourceId: form.id,
            organizationId: actor.organizationId,
            outcome: 'success',
          },
          tx,
        );
        return formView(form);
      });
    },

    /** For system jobs (the demo seed): defines the form unless the appointment type has one. */
    async ensureForm(
      actor: Extract<Actor, { type: 'system' }>,
      organizationId: string,
      appointmentType: string,
      definition: FormDefinition,
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        if (await findLatestForm(tx, organizationId, appointmentType)) return false;
        const form = await insertForm(tx, organizationId, appointmentType, definition);
        await audit.record(
          {
            actor,
            action: 'intake.form.define',
            resourceType: 'intake-form',
            resourceId: form.id,
            organizationId,
            outcome: 'success',
          },
          tx,
        );
        return true;
      });
    },

    async currentForm(organizationId: string, appointmentType: string): Promise<FormView> {
      const form = await findLatestForm(db, organizationId, appointmentType);
      if (!form) throw new NotFound();
      return formView(form);
    },

    /** Autosave: partial answers, checked for shape, encrypted, kept for 7 days from the last save. */
    async saveDraft(
      actor: Actor,
      patientId: string,
      formId: string,
      answers: Answers,
      now = clock.now(),
    ) {
      await access(db, actor, 'intake:fill', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const form = await formToFill(tx, actor, p.organizationId, formId);
        invalid(validateAnswers(form.definition, answers, { partial: true }));
        const id = await ensureDraftRow(tx, p.organizationId, patientId, formId);
        const at = answersAt(p.organizationId, 'intake_drafts', id);
        const sealed = await vault.encrypt(tx, at, JSON.stringify(answers));
        const expiresAt = new Date(now.getTime() + draftLifetimeMs);
        await writeDraft(tx, p.organizationId, id, vault.versionOf(sealed), sealed, expiresAt);
        await record(actor, tx, 'intake.draft.save', patientId, id, p.organizationId);
        return { expiresAt: expiresAt.toISOString() };
      });
    },

    async getDraft(actor: Actor, patientId: string, formId: string, now = clock.now()) {
      await access(db, actor, 'intake:fill', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const form = await formToFill(tx, actor, p.organizationId, formId);
        const draft = await findDraft(tx, p.organizationId, patientId, formId);
        if (!draft || draft.expires_at <= now) return null;
        const answers = JSON.parse(
          await readingEncrypted(() =>
            vault.decrypt(
              tx,
              answersAt(p.organizationId, 'intake_drafts', draft.id),
              draft.answers,
            ),
          ),
        ) as Answers;
        await record(actor, tx, 'intake.draft.read', patientId, draft.id, p.organizationId);
        return {
          answers: shown(actor, form.definition, answers),
          expiresAt: draft.expires_at.toISOString(),
        };
      });
    },

    /** Final answers, checked in full against the form, stored as a new immutable version. */
    async submit(actor: Actor, patientId: string, formId: string, answers: Answers) {
      await access(db, actor, 'intake:fill', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const form = await formToFill(tx, actor, p.organizationId, formId);
        invalid(validateAnswers(form.definition, answers, { partial: false }));
        const id = randomUUID();
        const sealed = await vault.encrypt(
          tx,
          answersAt(p.organizationId, 'intake_submissions', id),
          JSON.stringify(answers),
        );
        const version = await nextSubmissionVersion(tx, p.organizationId, patientId, formId);
        await insertSubmission(tx, {
          id,
          organization_id: p.organizationId,
          patient_id: patientId,
          form_id: formId,
          version,
          key_version: vault.versionOf(sealed),
          answers: sealed,
          submitted_by:
            actor.type === 'patient' ? 'patient' : `user:${actor.type === 'user' ? actor.id : '?'}`,
        });
        await deleteDraft(tx, p.organizationId, patientId, formId);
        await record(actor, tx, 'intake.submit', patientId, id, p.organizationId);
        return { id, version };
      });
    },

    /**
     * Submitted answers: the patient's own, or a clinician's who treats the patient. Front desk
     * and managers never receive them (minimum necessary).
     */
    async submissions(actor: Actor, patientId: string): Promise<SubmissionView[]> {
      await access(db, actor, 'intake:answers.read', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const rows = await listSubmissions(tx, p.organizationId, patientId);
        const out: SubmissionView[] = [];
        for (const r of rows) {
          const form = await formFor(tx, p.organizationId, r.form_id);
          const answers = JSON.parse(
            await readingEncrypted(() =>
              vault.decrypt(tx, answersAt(p.organizationId, 'intake_submissions', r.id), r.answers),
            ),
          ) as Answers;
          out.push({
            id: r.id,
            formId: r.form_id,
            version: r.version,
            submittedAt: r.submitted_at.toISOString(),
            submittedBy: r.submitted_by,
            answers: shown(actor, form.definition, answers),
          });
          await record(actor, tx, 'intake.read', patientId, r.id, p.organizationId);
        }
        return out;
      });
    },

    /**
     * Drops drafts past their 7 days (a periodic job), in batches; each deleted draft leaves an
     * event under its clinic and patient, in the transaction that deletes it.
     */
    async purgeExpiredDrafts(now = clock.now(), batchSize = 500): Promise<number> {
      let total = 0;
      for (;;) {
        const purged = await db.transaction(async (tx) => {
          const drafts = await deleteExpiredDrafts(tx, now, batchSize);
          for (const d of drafts) {
            await record(purger, tx, 'intake.draft.purge', d.patient_id, d.id, d.organization_id);
          }
          return drafts.length;
        });
        total += purged;
        if (purged < batchSize) return total;
      }
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;

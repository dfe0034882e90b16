import type { Config } from './config.ts';
import type { Vault } from './platform/crypto/vault.ts';
import type { Db } from './platform/db/db.ts';
import type { App } from './platform/http/route.ts';
import type { Jobs } from './platform/jobs/jobs.ts';
import type { Logger } from './platform/log/log.ts';
import type { Mailer } from './platform/mail/mail.ts';
import type { Clock } from './platform/time/clock.ts';
import type { Relations } from './modules/access/access.table.ts';
import type { Audit } from './modules/audit/audit.service.ts';
import { appointmentsExport } from './modules/booking/booking.patient-appointments.ts';
import { accountLookup } from './modules/identity/identity.lookup.ts';
import { intakeDocumentRoutes } from './modules/intake/intake.documents.routes.ts';
import { createDocuments } from './modules/intake/intake.documents.ts';
import { startIntakeJobs } from './modules/intake/intake.jobs.ts';
import { intakeExport } from './modules/intake/intake.keys.ts';
import { intakeRoutes } from './modules/intake/intake.routes.ts';
import { commandScanner, noScanner } from './modules/intake/intake.scanner.ts';
import { createIntake } from './modules/intake/intake.service.ts';
import { createCaregiverInvitations } from './modules/patients/patients.invitations.ts';
import { caregiverInvitationRoutes } from './modules/patients/patients.invitations.routes.ts';
import { patientRelationsRoutes } from './modules/patients/patients.relations.routes.ts';
import { createPatientRelations } from './modules/patients/patients.relations.service.ts';
import type { Patients } from './modules/patients/patients.service.ts';

/**
 * What grows around a patient's record, composed from config: caregivers (invitations, consents,
 * the right-of-access export with each module's part), intake answers and their jobs, and
 * uploaded documents with their scanner. The patients service itself stays in app.ts: booking,
 * identity and FHIR use it too.
 */
export async function patientRecordRoutes(
  app: App,
  deps: {
    config: Config;
    db: Db;
    vault: Vault;
    audit: Audit;
    clock: Clock;
    mailer: Mailer;
    jobs: Jobs | undefined;
    log: Logger;
    patients: Patients;
    relations: Relations;
  },
) {
  const { config, db, vault, audit, clock, mailer, patients, relations } = deps;
  const invitations = createCaregiverInvitations({
    db,
    audit,
    publicUrl: config.publicUrl,
    mail: (to, subject, lines) =>
      mailer.send({ to, subject, text: `${lines.join('\n\n')}\n\n- Hourglass\n` }),
  });
  caregiverInvitationRoutes(app, invitations, clock);
  patientRelationsRoutes(
    app,
    createPatientRelations({
      db,
      vault,
      audit,
      clock,
      patients,
      accounts: accountLookup(db, vault),
      invitations,
      contributors: [
        intakeExport(vault),
        (q, org, patientId) => appointmentsExport(q, org, patientId, clock.now()),
      ],
    }),
  );
  const intake = createIntake({ db, vault, audit, clock, patients, relations });
  intakeRoutes(app, intake);
  if (deps.jobs) await startIntakeJobs(deps.jobs, intake, deps.log);
  intakeDocumentRoutes(
    app,
    createDocuments({
      db,
      vault,
      audit,
      patients,
      relations,
      scanner: config.scanCommand ? commandScanner(config.scanCommand) : noScanner,
    }),
  );
}

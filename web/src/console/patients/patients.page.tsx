import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useSession } from '../../api/queries.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { PatientFinder } from './patient-finder.tsx';
import { patientsMessages } from './patients.messages.ts';
import { RegisterPatient } from './register-patient.tsx';

/**
 * Finding a patient as the front desk does (and registering one not found). A patient opens at
 * /console/patients/<opaque id>: nothing that identifies them goes in the address.
 */
export function PatientsPage() {
  const t = useMessages(patientsMessages);
  const navigate = useNavigate();
  const { data: session } = useSession();
  const [registering, setRegistering] = useState(false);
  const open = (id: string) =>
    void navigate({ to: '/console/patients/$patientId', params: { patientId: id } });
  const desk = session?.account.roles.includes('front_desk') ?? false;
  return (
    <section className="page">
      <PageHeading lead={<p>{t('pt.patients.lead')}</p>}>{t('pt.patients.title')}</PageHeading>
      {registering ? (
        <RegisterPatient onDone={(p) => open(p.id)} onCancel={() => setRegistering(false)} />
      ) : (
        <PatientFinder
          action="open"
          onPick={(p) => open(p.id)}
          {...(desk ? { onRegister: () => setRegistering(true) } : {})}
        />
      )}
    </section>
  );
}

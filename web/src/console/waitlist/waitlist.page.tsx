import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import {
  fetchStaffWaitlist,
  joinWaitlist,
  setEntryPriority,
  type StaffWaitlistEntry,
} from '../../api/waitlist.ts';
import { useClinic, useSession } from '../../api/queries.ts';
import type { PatientView } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { Select } from '../../components/select.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { typesQuery } from '../../portal/book/book.queries.ts';
import { nameOf, PatientFinder } from '../patients/patient-finder.tsx';
import { OfferSettings } from './offer-settings.tsx';
import { consoleWaitlistMessages } from './waitlist.messages.ts';

const listKey = ['waitlist', 'staff'] as const;
const priorities = ['0', '1', '2', '3'] as const;

/** The console's waitlist: who waits for what, their clinical priority, and adding a patient. */
export function WaitlistPage() {
  const t = useMessages(consoleWaitlistMessages);
  const problemText = useProblemText();
  const session = useSession();
  const list = useQuery({ queryKey: listKey, queryFn: ({ signal }) => fetchStaffWaitlist(signal) });
  const clinic = useClinic();
  const types = useQuery({ ...typesQuery(clinic.data?.slug ?? ''), enabled: Boolean(clinic.data) });
  const typeName = (id: string) => types.data?.find((x) => x.id === id)?.name ?? '';
  const desk =
    session.data?.stage === 'full' &&
    session.data.account.kind === 'workforce' &&
    session.data.account.roles.some((r) => r === 'front_desk' || r === 'clinician');
  const manager =
    session.data?.stage === 'full' &&
    session.data.account.roles.some((r) => r === 'manager' || r === 'admin');
  return (
    <section className="page">
      <PageHeading lead={<p>{t('waitlist.lead')}</p>}>{t('waitlist.title')}</PageHeading>
      {list.isPending ? (
        <Loading label={t('waitlist.loading')} />
      ) : list.isError ? (
        <InlineAlert tone="error">{problemText(list.error)}</InlineAlert>
      ) : list.data.entries.length === 0 ? (
        <p>{t('waitlist.empty')}</p>
      ) : (
        <TableScroll label={t('waitlist.caption')}>
          <table className="records">
            <caption className="visually-hidden">{t('waitlist.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('waitlist.col.patient')}</th>
                <th scope="col">{t('waitlist.col.visit')}</th>
                <th scope="col">{t('waitlist.col.dates')}</th>
                <th scope="col">{t('waitlist.col.since')}</th>
                <th scope="col">{t('waitlist.col.offer')}</th>
                <th scope="col">{t('waitlist.col.priority')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((e) => (
                <EntryRow key={e.id} entry={e} typeName={typeName(e.appointmentTypeId)} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {manager && <OfferSettings />}
      {desk && (
        <AddToWaitlist types={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      )}
    </section>
  );
}

function EntryRow({ entry, typeName }: { entry: StaffWaitlistEntry; typeName: string }) {
  const t = useMessages(consoleWaitlistMessages);
  const intl = useIntl();
  const client = useQueryClient();
  const day = (d: string) =>
    intl.formatDate(`${d}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  const name = entry.patientName ?? t('waitlist.unnamed');
  const save = useMutation({
    mutationFn: (p: number) => setEntryPriority(entry.id, p),
    onSettled: () => client.invalidateQueries({ queryKey: listKey }),
  });
  const offer = entry.openOffers[0];
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{typeName}</td>
      <td>{t('waitlist.range', { from: day(entry.fromDate), to: day(entry.toDate) })}</td>
      <td>{intl.formatDate(entry.createdAt, { dateStyle: 'medium' })}</td>
      <td>
        {offer
          ? t('waitlist.offerOut', {
              time: intl.formatDate(offer.start, { dateStyle: 'medium', timeStyle: 'short' }),
            })
          : t('waitlist.noOffer')}
      </td>
      <td>
        <Select
          label={t('waitlist.priorityFor', { name })}
          selectedKey={String(entry.priority)}
          onSelectionChange={(k) => save.mutate(Number(k))}
          options={priorities.map((p) => ({ value: p, label: t(`waitlist.priority.${p}`) }))}
        />
      </td>
    </tr>
  );
}

function AddToWaitlist({ types }: { types: { value: string; label: string }[] }) {
  const t = useMessages(consoleWaitlistMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const session = useSession();
  const [patient, setPatient] = useState<PatientView | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => {
      const org = session.data?.stage === 'full' ? session.data.account.organizationId : '';
      const today = new Date();
      return joinWaitlist({
        organizationId: org,
        patientId: patient!.id,
        appointmentTypeId: typeId ?? '',
        fromDate: today.toISOString().slice(0, 10),
        toDate: new Date(today.getTime() + 56 * 86_400_000).toISOString().slice(0, 10),
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: listKey }),
  });
  return (
    <section aria-labelledby="waitlist-add">
      <h2 id="waitlist-add">{t('waitlist.add')}</h2>
      {add.isSuccess && patient ? (
        <InlineAlert tone="success">{t('waitlist.added', { name: nameOf(patient) })}</InlineAlert>
      ) : patient ? (
        <div className="form">
          <InlineAlert tone="error">{add.error ? problemText(add.error) : null}</InlineAlert>
          <Select
            label={t('waitlist.add.type')}
            isRequired
            selectedKey={typeId}
            onSelectionChange={(k) => setTypeId(k === null ? null : String(k))}
            options={types}
          />
          <p>{t('waitlist.add.weeks', { weeks: 8 })}</p>
          <Button onPress={() => add.mutate()} isPending={add.isPending} isDisabled={!typeId}>
            {t('waitlist.add.submit', { name: nameOf(patient) })}
          </Button>
        </div>
      ) : (
        <PatientFinder action="choose" onPick={setPatient} headingLevel={3} />
      )}
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  calendarHref,
  cancelAppointment,
  sendVisitCode,
  verifyVisitLink,
} from '../../api/booking.ts';
import { ApiError } from '../../api/problem.ts';
import { refreshSession, useClinic } from '../../api/queries.ts';
import { useFragmentToken } from '../../auth/fragment-token.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { providersQuery, typesQuery } from '../book/book.queries.ts';
import { deviceZone } from '../book/use-when.ts';
import { VisitSummary } from '../book/visit-summary.tsx';
import { visitMessages } from './visit.messages.ts';
import { visitQuery } from './visit.queries.ts';

/**
 * A booking's own link (`/visit#token=…`, mailed to a guest when the booking is confirmed).
 * Shows nothing until a code mailed to the address on file is entered; then that one visit, with
 * "add to calendar" and "cancel". The session it starts reaches this appointment and nothing else.
 */
export function VisitPage() {
  const t = useMessages(visitMessages);
  const problemText = useProblemText();
  const token = useFragmentToken();
  const client = useQueryClient();
  const clinic = useClinic();
  const [code, setCode] = useState('');
  const [appointmentId, setAppointmentId] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const codeHeading = useRef<HTMLHeadingElement>(null);

  const send = useMutation({ mutationFn: () => sendVisitCode(token!) });
  const verify = useMutation({
    mutationFn: () => verifyVisitLink({ token: token!, code: code.trim() }),
    onSuccess: async (r) => {
      await refreshSession(client);
      setAppointmentId(r.appointmentId);
    },
  });
  const cancel = useMutation({
    mutationFn: () => cancelAppointment(appointmentId!),
    onSuccess: (a) => {
      client.setQueryData(visitQuery(a.id).queryKey, a);
      setAsking(false);
    },
  });
  const slug = clinic.data?.slug ?? '';
  const visit = useQuery({ ...visitQuery(appointmentId ?? ''), enabled: Boolean(appointmentId) });
  const types = useQuery({ ...typesQuery(slug), enabled: Boolean(slug && appointmentId) });
  const providers = useQuery({ ...providersQuery(slug), enabled: Boolean(slug && appointmentId) });
  useEffect(() => {
    if (send.isSuccess) codeHeading.current?.focus();
  }, [send.isSuccess]);

  if (!token) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('visit.title')}</PageHeading>
        <InlineAlert tone="error">{t('visit.noLink')}</InlineAlert>
        <Link to="/">{t('visit.home')}</Link>
      </section>
    );
  }

  if (!appointmentId) {
    return (
      <section className="page page-narrow">
        <PageHeading lead={<p>{t('visit.lead')}</p>}>{t('visit.title')}</PageHeading>
        {!send.isSuccess ? (
          <>
            <InlineAlert tone="error">{send.error ? problemText(send.error) : null}</InlineAlert>
            <Button onPress={() => send.mutate()} isPending={send.isPending}>
              {t('visit.sendCode')}
            </Button>
          </>
        ) : (
          <>
            <h2 ref={codeHeading} tabIndex={-1}>
              {t('visit.checkEmail')}
            </h2>
            <p>{t('visit.sent')}</p>
            <Form error={verify.error} onSubmit={() => verify.mutate()}>
              <TextField
                label={t('visit.code')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                inputClassName="input-code"
                isRequired
                validate={(v) => (/^\s*\d{6}\s*$/.test(v) ? null : t('visit.codeInvalid'))}
                value={code}
                onChange={setCode}
              />
              <FormActions>
                <Button type="submit" isPending={verify.isPending}>
                  {t('visit.open')}
                </Button>
                <Button variant="quiet" onPress={() => send.mutate()}>
                  {t('visit.resend')}
                </Button>
              </FormActions>
            </Form>
          </>
        )}
      </section>
    );
  }

  if (visit.isPending || !types.data || !providers.data)
    return <Loading label={t('visit.loading')} />;
  if (visit.isError) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('visit.title')}</PageHeading>
        <InlineAlert tone="error">{problemText(visit.error)}</InlineAlert>
      </section>
    );
  }
  const a = visit.data;
  const type = types.data.find((x) => x.id === a.appointmentTypeId);
  const location = clinic.data?.locations.find((l) => l.id === a.locationId);
  const cancelled = a.status === 'cancelled';
  const open = a.status === 'booked' || a.status === 'held';
  return (
    <section className="page page-narrow">
      <PageHeading focusOnMount>{t('visit.yours')}</PageHeading>
      {cancelled && <InlineAlert tone="success">{t('visit.cancelled')}</InlineAlert>}
      {!cancelled && <p>{t(`visit.status.${a.status}`)}</p>}
      <VisitSummary
        facts={{
          typeName: type?.name ?? '',
          start: a.start,
          zone: location?.timeZone ?? deviceZone(),
          modality: a.modality,
          providerName: providers.data.find((p) => p.id === a.providerId)?.displayName ?? '',
          location,
        }}
      />
      {!cancelled && type?.instructions && (
        <section aria-labelledby="visit-before">
          <h2 id="visit-before">{t('visit.before')}</h2>
          <p>{type.instructions}</p>
        </section>
      )}
      {open && (
        <div className="actions">
          <a
            className="button button-secondary"
            href={calendarHref(a.id)}
            download="appointment.ics"
          >
            {t('visit.calendar')}
          </a>
          <Button variant="danger" onPress={() => setAsking(true)}>
            {t('visit.cancel')}
          </Button>
        </div>
      )}
      {location && !cancelled && (
        <p className="muted">{t('visit.call', { phone: location.phone })}</p>
      )}
      <Dialog title={t('visit.cancelTitle')} isOpen={asking} onOpenChange={setAsking}>
        <p>{t('visit.cancelText')}</p>
        <InlineAlert tone="error">
          {cancel.error instanceof ApiError && cancel.error.is('cutoff-passed')
            ? t('visit.tooLate', { phone: location?.phone ?? '' })
            : cancel.error
              ? problemText(cancel.error)
              : null}
        </InlineAlert>
        <div className="actions">
          <Button variant="danger" onPress={() => cancel.mutate()} isPending={cancel.isPending}>
            {t('visit.cancelYes')}
          </Button>
          <Button variant="secondary" onPress={() => setAsking(false)}>
            {t('visit.cancelNo')}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

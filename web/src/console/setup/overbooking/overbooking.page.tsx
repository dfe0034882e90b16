import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  fetchOverbookPolicies,
  removeOverbookPolicy,
  saveOverbookPolicy,
  type OverbookPolicyInput,
} from '../../../api/overbook.ts';
import { Button } from '../../../components/button.tsx';
import { Checkbox } from '../../../components/checkbox.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { LoadState } from '../../../components/load-state.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { Select } from '../../../components/select.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useProviders, useSetupClinic, useTypes } from '../setup.queries.ts';
import { overbookingMessages } from './overbooking.messages.ts';

const key = ['setup', 'overbook-policies'] as const;
const ALL = 'all';

/** The overbooking policy: per provider a default and per-type rules (managers and admins). */
export function SetupOverbookingPage() {
  const t = useMessages(overbookingMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const setup = useSetupClinic();
  const { slug } = setup;
  const providers = useProviders(slug);
  const types = useTypes(slug);
  const policies = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchOverbookPolicies(signal).then((r) => r.policies),
  });
  const [providerId, setProviderId] = useState<string | null>(null);
  const [typeKey, setTypeKey] = useState<string>(ALL);
  const [allowed, setAllowed] = useState(true);
  const [atOnce, setAtOnce] = useState(1);
  const [perHour, setPerHour] = useState(0);
  const [perDay, setPerDay] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const provider = providerId ?? providers.data?.[0]?.id ?? null;
  const providerName = (id: string) => providers.data?.find((p) => p.id === id)?.displayName ?? '';
  const typeName = (id: string | null) =>
    id === null ? t('overbooking.allTypes') : (types.data?.find((ty) => ty.id === id)?.name ?? '');
  const limit = (n: number | null) => (n === null ? t('overbooking.unlimited') : String(n));

  const done = (message: string) => {
    setNotice(message);
    void client.invalidateQueries({ queryKey: key });
  };
  const save = useMutation({
    mutationFn: (input: OverbookPolicyInput) => saveOverbookPolicy(input),
    onSuccess: () => done(t('overbooking.saved')),
  });
  const remove = useMutation({
    mutationFn: (p: { providerId: string; appointmentTypeId: string | null }) =>
      removeOverbookPolicy(p.providerId, p.appointmentTypeId),
    onSuccess: () => done(t('overbooking.removed')),
  });

  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('overbooking.lead')}</p>}>{t('overbooking.title')}</PageHeading>
      <LoadState queries={[setup, providers, policies]} />
      <InlineAlert tone="error">{policies.isError && problemText(policies.error)}</InlineAlert>
      {providers.data && provider && (
        <Form
          error={save.error}
          onSubmit={() => {
            setNotice(null);
            save.mutate({
              providerId: provider,
              appointmentTypeId: typeKey === ALL ? null : typeKey,
              allowed,
              maxAtOnce: atOnce,
              maxPerHour: perHour > 0 ? perHour : null,
              maxPerDay: perDay > 0 ? perDay : null,
            });
          }}
        >
          <div className="field-row">
            <Select
              label={t('overbooking.provider')}
              selectedKey={provider}
              onSelectionChange={(k) => setProviderId(String(k))}
              options={providers.data.map((p) => ({ value: p.id, label: p.displayName }))}
            />
            <Select
              label={t('overbooking.appliesTo')}
              selectedKey={typeKey}
              onSelectionChange={(k) => setTypeKey(String(k))}
              options={[
                { value: ALL, label: t('overbooking.allTypes') },
                ...(types.data ?? [])
                  .filter((ty) => ty.scope.some((s) => s.providerId === provider))
                  .map((ty) => ({ value: ty.id, label: ty.name })),
              ]}
            />
          </div>
          <Checkbox isSelected={allowed} onChange={setAllowed}>
            {t('overbooking.allowed')}
          </Checkbox>
          <NumberField
            name="maxAtOnce"
            label={t('overbooking.atOnce')}
            description={t('overbooking.atOnce.help')}
            isRequired
            minValue={1}
            maxValue={5}
            value={atOnce}
            onChange={setAtOnce}
          />
          <NumberField
            name="maxPerHour"
            label={t('overbooking.perHour')}
            description={t('overbooking.noLimit.help')}
            isRequired
            minValue={0}
            maxValue={50}
            value={perHour}
            onChange={setPerHour}
          />
          <NumberField
            name="maxPerDay"
            label={t('overbooking.perDay')}
            description={t('overbooking.noLimit.help')}
            isRequired
            minValue={0}
            maxValue={200}
            value={perDay}
            onChange={setPerDay}
          />
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {t('overbooking.save')}
            </Button>
          </FormActions>
        </Form>
      )}
      <InlineAlert tone="success">{notice}</InlineAlert>
      <InlineAlert tone="error">{remove.isError && problemText(remove.error)}</InlineAlert>
      {policies.data && <h2>{t('overbooking.rules')}</h2>}
      {policies.data &&
        (policies.data.length === 0 ? (
          <p className="muted">{t('overbooking.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="records">
              <caption>{t('overbooking.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('overbooking.provider')}</th>
                  <th scope="col">{t('overbooking.appliesTo')}</th>
                  <th scope="col">{t('overbooking.allowed')}</th>
                  <th scope="col">{t('overbooking.atOnce')}</th>
                  <th scope="col">{t('overbooking.perHour')}</th>
                  <th scope="col">{t('overbooking.perDay')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {policies.data.map((p) => (
                  <tr key={`${p.providerId}${p.appointmentTypeId ?? ''}`}>
                    <th scope="row">{providerName(p.providerId)}</th>
                    <td>{typeName(p.appointmentTypeId)}</td>
                    <td>{p.allowed ? t('overbooking.yes') : t('overbooking.no')}</td>
                    <td>{p.maxAtOnce}</td>
                    <td>{limit(p.maxPerHour)}</td>
                    <td>{limit(p.maxPerDay)}</td>
                    <td>
                      <Button
                        variant="quiet"
                        aria-label={t('overbooking.remove', {
                          provider: providerName(p.providerId),
                          type: typeName(p.appointmentTypeId),
                        })}
                        onPress={() => {
                          setNotice(null);
                          remove.mutate(p);
                        }}
                      >
                        ✕
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

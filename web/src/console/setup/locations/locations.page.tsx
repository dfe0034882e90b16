import { useMutation } from '@tanstack/react-query';
import { saveLocation, type LocationInput } from '../../../api/setup.ts';
import type { Location } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Checkbox } from '../../../components/checkbox.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useNameTaken } from '../name-taken.ts';
import { setupMessages } from '../setup.messages.ts';
import { useRefresh, useSetupClinic } from '../setup.queries.ts';
import { useDraft } from '../use-draft.ts';
import { locationsMessages } from './locations.messages.ts';

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const empty: LocationInput = {
  name: '',
  timeZone: browserZone,
  addressLine: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'US',
  phone: '',
  inPerson: true,
  telehealth: false,
};
const toInput = (l: Location): LocationInput => ({
  name: l.name,
  timeZone: l.timeZone,
  addressLine: l.address.line,
  city: l.address.city,
  region: l.address.region,
  postalCode: l.address.postalCode,
  country: l.address.country,
  phone: l.phone,
  inPerson: l.inPerson,
  telehealth: l.telehealth,
});

/** The clinic's locations: the list, and one form to add a location or change one. */
export function SetupLocationsPage() {
  const t = useMessages(locationsMessages);
  const s = useMessages(setupMessages);
  const { clinic, slug, isPending } = useSetupClinic();
  const refresh = useRefresh();
  const { draft, set, editing, edit, reset, heading } = useDraft(empty);
  const save = useMutation({
    mutationFn: () => saveLocation(slug, draft, editing ?? undefined),
    onSuccess: async () => {
      reset();
      await refresh('clinic', slug);
    },
  });
  const nameTaken = useNameTaken(save.error);
  const editingName = clinic?.locations.find((l) => l.id === editing)?.name;
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupLocations.lead')}</p>}>
        {t('setupLocations.title')}
      </PageHeading>
      {isPending && <Loading />}
      {clinic && (
        <div className="table-wrap">
          <table className="records">
            <caption>{t('setupLocations.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('setupLocations.name')}</th>
                <th scope="col">{t('setupLocations.timeZone')}</th>
                <th scope="col">{t('setupLocations.address')}</th>
                <th scope="col">{t('setupLocations.modes')}</th>
                <th scope="col">{s('setup.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {clinic.locations.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.name}</th>
                  <td>{l.timeZone}</td>
                  <td>
                    {[l.address.line, l.address.city, l.address.region, l.address.postalCode]
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                  <td>
                    {[
                      l.inPerson && s('setup.modality.in_person'),
                      l.telehealth && s('setup.modality.telehealth'),
                    ]
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                  <td>
                    <Button
                      variant="secondary"
                      aria-label={s('setup.editNamed', { name: l.name })}
                      onPress={() => {
                        save.reset();
                        edit(l.id, toInput(l));
                      }}
                    >
                      {s('setup.edit')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="section form-panel" aria-labelledby="location-form">
        <h2 id="location-form" ref={heading} tabIndex={-1}>
          {editing ? s('setup.editNamed', { name: editingName ?? '' }) : t('setupLocations.add')}
        </h2>
        <Form error={save.error} fieldErrors={nameTaken} onSubmit={() => save.mutate()}>
          <div className="form-grid">
            <TextField
              name="name"
              label={t('setupLocations.name')}
              isRequired
              value={draft.name}
              onChange={set('name')}
            />
            <TextField
              name="timeZone"
              label={t('setupLocations.timeZone')}
              description={t('setupLocations.timeZone.help')}
              isRequired
              value={draft.timeZone}
              onChange={set('timeZone')}
            />
            <TextField
              name="addressLine"
              label={t('setupLocations.addressLine')}
              value={draft.addressLine}
              onChange={set('addressLine')}
            />
            <TextField
              name="city"
              label={t('setupLocations.city')}
              value={draft.city}
              onChange={set('city')}
            />
            <TextField
              name="region"
              label={t('setupLocations.region')}
              value={draft.region}
              onChange={set('region')}
            />
            <TextField
              name="postalCode"
              label={t('setupLocations.postalCode')}
              value={draft.postalCode}
              onChange={set('postalCode')}
            />
            <TextField
              name="country"
              label={t('setupLocations.country')}
              description={t('setupLocations.country.help')}
              isRequired
              maxLength={2}
              value={draft.country}
              onChange={(v) => set('country')(v.toUpperCase())}
            />
            <TextField
              name="phone"
              type="tel"
              label={t('setupLocations.phone')}
              value={draft.phone}
              onChange={set('phone')}
            />
          </div>
          <fieldset className="fieldset">
            <legend>{t('setupLocations.modes')}</legend>
            <Checkbox isSelected={draft.inPerson} onChange={set('inPerson')}>
              {t('setupLocations.inPerson')}
            </Checkbox>
            <Checkbox isSelected={draft.telehealth} onChange={set('telehealth')}>
              {t('setupLocations.telehealth')}
            </Checkbox>
          </fieldset>
          <InlineAlert tone="success">{save.isSuccess && s('setup.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {editing ? s('setup.saveChanges') : t('setupLocations.addButton')}
            </Button>
            {editing && (
              <Button variant="quiet" onPress={reset}>
                {s('setup.cancelEdit')}
              </Button>
            )}
          </FormActions>
        </Form>
      </section>
    </section>
  );
}

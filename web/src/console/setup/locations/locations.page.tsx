import { useMutation } from '@tanstack/react-query';
import { saveLocation, type LocationInput } from '../../../api/setup.ts';
import type { Location } from '../../../api/types.ts';
import { Checkbox } from '../../../components/checkbox.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { SearchSelect } from '../../../components/search-select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useNameTaken } from '../name-taken.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { setupMessages } from '../setup.messages.ts';
import { useRefresh, useSetupClinic } from '../setup.queries.ts';
import { useDraft } from '../use-draft.ts';
import { locationsMessages } from './locations.messages.ts';

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const knownZones = Intl.supportedValuesOf('timeZone');
/** The IANA zones this browser knows, with the browser's own and the one shown (if unlisted). */
const zoneOptions = (shown: string) =>
  [...new Set([...knownZones, browserZone, shown].filter(Boolean))]
    .sort()
    .map((z) => ({ value: z, label: z }));
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
  const setup = useSetupClinic();
  const { clinic, slug, isPending } = setup;
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
      <RecordsEditor
        caption={t('setupLocations.list')}
        records={clinic?.locations ?? (isPending ? undefined : [])}
        load={[setup]}
        id={(l) => l.id}
        columns={[
          { header: t('setupLocations.name'), cell: (l) => l.name },
          { header: t('setupLocations.timeZone'), cell: (l) => l.timeZone },
          {
            header: t('setupLocations.address'),
            cell: (l) =>
              [l.address.line, l.address.city, l.address.region, l.address.postalCode]
                .filter(Boolean)
                .join(', '),
          },
          {
            header: t('setupLocations.modes'),
            cell: (l) =>
              [
                l.inPerson && s('setup.modality.in_person'),
                l.telehealth && s('setup.modality.telehealth'),
              ]
                .filter(Boolean)
                .join(', '),
          },
        ]}
        edit={{
          label: (l) => s('setup.editNamed', { name: l.name }),
          onEdit: (l) => {
            save.reset();
            edit(l.id, toInput(l));
          },
        }}
        form={{
          heading: {
            id: 'location-form',
            ref: heading,
            text: editing
              ? s('setup.editNamed', { name: editingName ?? '' })
              : t('setupLocations.add'),
          },
          save,
          fieldErrors: nameTaken,
          submitLabel: editing ? s('setup.saveChanges') : t('setupLocations.addButton'),
          onCancel: editing ? reset : undefined,
          fields: (
            <>
              <TextField
                name="name"
                label={t('setupLocations.name')}
                isRequired
                value={draft.name}
                onChange={set('name')}
              />
              <SearchSelect
                name="timeZone"
                label={t('setupLocations.timeZone')}
                description={t('setupLocations.timeZone.help')}
                isRequired
                options={zoneOptions(draft.timeZone)}
                selectedKey={draft.timeZone || null}
                onSelectionChange={(k) => set('timeZone')(k == null ? '' : String(k))}
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
            </>
          ),
          more: (
            <fieldset className="fieldset">
              <legend>{t('setupLocations.modes')}</legend>
              <Checkbox isSelected={draft.inPerson} onChange={set('inPerson')}>
                {t('setupLocations.inPerson')}
              </Checkbox>
              <Checkbox isSelected={draft.telehealth} onChange={set('telehealth')}>
                {t('setupLocations.telehealth')}
              </Checkbox>
            </fieldset>
          ),
        }}
      />
    </section>
  );
}

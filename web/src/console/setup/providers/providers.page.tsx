import { useMutation } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { saveProvider, type ProviderInput } from '../../../api/setup.ts';
import type { Provider } from '../../../api/types.ts';
import { Checkbox } from '../../../components/checkbox.tsx';
import { CheckboxGroup } from '../../../components/checkbox-group.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TextArea } from '../../../components/text-area.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { setupMessages } from '../setup.messages.ts';
import { useProviders, useRefresh, useSetupClinic } from '../setup.queries.ts';
import { useDraft } from '../use-draft.ts';
import { providersMessages } from './providers.messages.ts';

/** Languages offered as checkboxes (BCP 47), named in the reader's language. */
const commonLanguages = ['en', 'es', 'fr', 'pt', 'zh', 'vi', 'ko', 'tl', 'ar', 'ru', 'ht', 'ase'];

type Draft = Omit<ProviderInput, 'specialties'> & { specialties: string };
const empty: Draft = {
  displayName: '',
  credentials: '',
  specialties: '',
  languages: ['en'],
  acceptingNewPatients: true,
  bio: '',
  locationIds: [],
};
const toDraft = (p: Provider): Draft => ({
  displayName: p.displayName,
  credentials: p.credentials,
  specialties: p.specialties.join(', '),
  languages: p.languages,
  acceptingNewPatients: p.acceptingNewPatients,
  bio: p.bio,
  locationIds: p.locationIds,
});
const toInput = (d: Draft): ProviderInput => ({
  ...d,
  specialties: d.specialties
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
});

/** The clinic's providers: the list, and one form to add or change a provider. */
export function SetupProvidersPage() {
  const t = useMessages(providersMessages);
  const s = useMessages(setupMessages);
  const intl = useIntl();
  const setup = useSetupClinic();
  const { clinic, slug } = setup;
  const providers = useProviders(slug);
  const refresh = useRefresh();
  const { draft, set, editing, edit, reset, heading } = useDraft(empty);
  const save = useMutation({
    mutationFn: () => saveProvider(slug, toInput(draft), editing ?? undefined),
    onSuccess: async () => {
      reset();
      await refresh('providers', slug);
    },
  });
  const names = new Intl.DisplayNames([intl.locale], { type: 'language', fallback: 'code' });
  const languageName = (tag: string) => names.of(tag) ?? tag;
  const languages = [...new Set([...commonLanguages, ...draft.languages])];
  const locationName = (id: string) => clinic?.locations.find((l) => l.id === id)?.name ?? '';
  const editingName = providers.data?.find((p) => p.id === editing)?.displayName;
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupProviders.lead')}</p>}>
        {t('setupProviders.title')}
      </PageHeading>
      <RecordsEditor
        caption={t('setupProviders.list')}
        records={providers.data}
        load={[setup, providers]}
        id={(p) => p.id}
        columns={[
          {
            header: t('setupProviders.name'),
            cell: (p) => `${p.displayName}${p.credentials ? `, ${p.credentials}` : ''}`,
          },
          {
            header: t('setupProviders.languages'),
            cell: (p) => p.languages.map(languageName).join(', '),
          },
          {
            header: t('setupProviders.locations'),
            cell: (p) => p.locationIds.map(locationName).join(', '),
          },
          {
            header: t('setupProviders.accepting'),
            cell: (p) =>
              p.acceptingNewPatients ? t('setupProviders.yes') : t('setupProviders.no'),
          },
        ]}
        edit={{
          label: (p) => s('setup.editNamed', { name: p.displayName }),
          onEdit: (p) => {
            save.reset();
            edit(p.id, toDraft(p));
          },
        }}
        form={{
          heading: {
            id: 'provider-form',
            ref: heading,
            text: editing
              ? s('setup.editNamed', { name: editingName ?? '' })
              : t('setupProviders.add'),
          },
          save,
          submitLabel: editing ? s('setup.saveChanges') : t('setupProviders.addButton'),
          onCancel: editing ? reset : undefined,
          fields: (
            <>
              <TextField
                name="displayName"
                label={t('setupProviders.name')}
                description={t('setupProviders.name.help')}
                isRequired
                value={draft.displayName}
                onChange={set('displayName')}
              />
              <TextField
                name="credentials"
                label={t('setupProviders.credentials')}
                description={t('setupProviders.credentials.help')}
                value={draft.credentials}
                onChange={set('credentials')}
              />
              <TextField
                name="specialties"
                label={t('setupProviders.specialties')}
                description={t('setupProviders.specialties.help')}
                value={draft.specialties}
                onChange={set('specialties')}
              />
            </>
          ),
          more: (
            <>
              <CheckboxGroup
                name="languages"
                label={t('setupProviders.languages')}
                value={draft.languages}
                onChange={set('languages')}
                options={languages.map((l) => ({ value: l, label: languageName(l) }))}
              />
              <CheckboxGroup
                name="locationIds"
                label={t('setupProviders.locations')}
                description={t('setupProviders.locations.help')}
                value={draft.locationIds}
                onChange={set('locationIds')}
                options={(clinic?.locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
              />
              <Checkbox
                isSelected={draft.acceptingNewPatients}
                onChange={set('acceptingNewPatients')}
              >
                {t('setupProviders.accepting')}
              </Checkbox>
              <TextArea
                name="bio"
                label={t('setupProviders.bio')}
                description={t('setupProviders.bio.help')}
                maxLength={2000}
                value={draft.bio}
                onChange={set('bio')}
              />
            </>
          ),
        }}
      />
    </section>
  );
}

import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../../api/client.ts';
import { removeResource, saveResource, type ResourceInput } from '../../../api/setup.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useNameTaken } from '../name-taken.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { setupMessages } from '../setup.messages.ts';
import { useRefresh, useRules, useSetupClinic } from '../setup.queries.ts';
import { useDraft } from '../use-draft.ts';
import { resourcesMessages } from './resources.messages.ts';

/** Rooms and equipment at each location: the list, and a form to add or rename one. */
export function SetupResourcesPage() {
  const t = useMessages(resourcesMessages);
  const s = useMessages(setupMessages);
  const setup = useSetupClinic();
  const { clinic, slug } = setup;
  const rules = useRules(slug);
  const refresh = useRefresh();
  const firstLocation = clinic?.locations[0]?.id ?? '';
  const { draft, set, editing, edit, reset, heading } = useDraft<ResourceInput>({
    locationId: '',
    name: '',
    kind: 'room',
  });
  const input = { ...draft, locationId: draft.locationId || firstLocation };
  const save = useMutation({
    mutationFn: () => saveResource(slug, input, editing ?? undefined),
    onSuccess: async () => {
      reset();
      await refresh('rules', slug);
    },
  });
  const nameTaken = useNameTaken(save.error);
  const remove = useMutation({
    mutationFn: (id: string) => removeResource(slug, id),
    onSuccess: () => refresh('rules', slug),
  });
  const locationName = (id: string) => clinic?.locations.find((l) => l.id === id)?.name ?? '';
  const editingName = rules.data?.resources.find((r) => r.id === editing)?.name;
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupResources.lead')}</p>}>
        {t('setupResources.title')}
      </PageHeading>
      <RecordsEditor
        caption={t('setupResources.list')}
        records={rules.data?.resources}
        load={[setup, rules]}
        id={(r) => r.id}
        columns={[
          { header: t('setupResources.name'), cell: (r) => r.name },
          { header: t('setupResources.kind'), cell: (r) => <code>{r.kind}</code> },
          { header: s('setup.location'), cell: (r) => locationName(r.locationId) },
        ]}
        edit={{
          label: (r) => s('setup.editNamed', { name: r.name }),
          onEdit: (r) => {
            save.reset();
            edit(r.id, { locationId: r.locationId, name: r.name, kind: r.kind });
          },
        }}
        remove={{
          label: (r) => s('setup.removeNamed', { name: r.name }),
          mutation: remove,
          problem: (e) =>
            e instanceof ApiError && e.is('resource-in-use')
              ? t('setupResources.inUse')
              : undefined,
        }}
        form={{
          heading: {
            id: 'resource-form',
            ref: heading,
            text: editing
              ? s('setup.editNamed', { name: editingName ?? '' })
              : t('setupResources.add'),
          },
          save,
          fieldErrors: nameTaken,
          submitLabel: editing ? s('setup.saveChanges') : t('setupResources.addButton'),
          onCancel: editing ? reset : undefined,
          fields: (
            <>
              <Select
                name="locationId"
                label={s('setup.location')}
                selectedKey={input.locationId || null}
                onSelectionChange={(k) => set('locationId')(String(k))}
                options={(clinic?.locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
              />
              <TextField
                name="name"
                label={t('setupResources.name')}
                description={t('setupResources.name.help')}
                isRequired
                value={draft.name}
                onChange={set('name')}
              />
              <TextField
                name="kind"
                label={t('setupResources.kind')}
                description={t('setupResources.kind.help')}
                isRequired
                value={draft.kind}
                onChange={(v) => set('kind')(v.toLowerCase())}
              />
            </>
          ),
        }}
      />
    </section>
  );
}

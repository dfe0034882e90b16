import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../../api/client.ts';
import { removeResource, saveResource, type ResourceInput } from '../../../api/setup.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useNameTaken } from '../name-taken.ts';
import { setupMessages } from '../setup.messages.ts';
import { useRefresh, useRules, useSetupClinic } from '../setup.queries.ts';
import { useDraft } from '../use-draft.ts';
import { resourcesMessages } from './resources.messages.ts';

/** Rooms and equipment at each location: the list, and a form to add or rename one. */
export function SetupResourcesPage() {
  const t = useMessages(resourcesMessages);
  const s = useMessages(setupMessages);
  const problemText = useProblemText();
  const { clinic, slug } = useSetupClinic();
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
      {rules.isPending && <Loading />}
      {rules.data && (
        <div className="table-wrap">
          <table className="records">
            <caption>{t('setupResources.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('setupResources.name')}</th>
                <th scope="col">{t('setupResources.kind')}</th>
                <th scope="col">{s('setup.location')}</th>
                <th scope="col">{s('setup.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.resources.length === 0 && (
                <tr>
                  <td colSpan={4}>{s('setup.none')}</td>
                </tr>
              )}
              {rules.data.resources.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>
                    <code>{r.kind}</code>
                  </td>
                  <td>{locationName(r.locationId)}</td>
                  <td>
                    <div className="row-actions">
                      <Button
                        variant="secondary"
                        aria-label={s('setup.editNamed', { name: r.name })}
                        onPress={() => {
                          save.reset();
                          edit(r.id, { locationId: r.locationId, name: r.name, kind: r.kind });
                        }}
                      >
                        {s('setup.edit')}
                      </Button>
                      <Button
                        variant="secondary"
                        aria-label={s('setup.removeNamed', { name: r.name })}
                        onPress={() => remove.mutate(r.id)}
                      >
                        {s('setup.remove')}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InlineAlert tone="error">
        {remove.isError &&
          (remove.error instanceof ApiError && remove.error.is('resource-in-use')
            ? t('setupResources.inUse')
            : problemText(remove.error))}
      </InlineAlert>
      <section className="section form-panel" aria-labelledby="resource-form">
        <h2 id="resource-form" ref={heading} tabIndex={-1}>
          {editing ? s('setup.editNamed', { name: editingName ?? '' }) : t('setupResources.add')}
        </h2>
        <Form error={save.error} fieldErrors={nameTaken} onSubmit={() => save.mutate()}>
          <div className="form-grid">
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
          </div>
          <InlineAlert tone="success">{save.isSuccess && s('setup.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {editing ? s('setup.saveChanges') : t('setupResources.addButton')}
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

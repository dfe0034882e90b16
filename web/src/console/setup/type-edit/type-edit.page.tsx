import { useMutation } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { saveAppointmentType } from '../../../api/setup.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Link } from '../../../components/link.tsx';
import { LoadState } from '../../../components/load-state.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { namesFields, useNameTaken } from '../name-taken.ts';
import { setupMessages } from '../setup.messages.ts';
import { useProviders, useRefresh, useRules, useSetupClinic, useTypes } from '../setup.queries.ts';
import { TypeBasics } from './type-basics.tsx';
import { draftOf, newType, type TypeDraft } from './type-draft.ts';
import { typeEditMessages } from './type-edit.messages.ts';
import { TypeScope } from './type-scope.tsx';
import { TypeWho } from './type-who.tsx';

/**
 * One appointment type and every rule the scheduling engine applies to it, in groups a manager
 * reads top to bottom. `new` creates one; after that the page is the type's own.
 */
export function SetupTypeEditPage() {
  const t = useMessages(typeEditMessages);
  const s = useMessages(setupMessages);
  const { typeId } = useParams({ from: '/console/setup/types/$typeId' });
  const navigate = useNavigate();
  const setup = useSetupClinic();
  const { clinic, slug } = setup;
  const types = useTypes(slug);
  const providers = useProviders(slug);
  const rules = useRules(slug);
  const refresh = useRefresh();
  const isNew = typeId === 'new';
  const existing = types.data?.find((x) => x.id === typeId);
  const [draft, setDraft] = useState<TypeDraft | null>(isNew ? newType : null);
  const [savedName, setSavedName] = useState<string | null>(null);
  useEffect(() => {
    if (!isNew && existing && draft === null) setDraft(draftOf(existing));
  }, [isNew, existing, draft]);
  const set =
    <K extends keyof TypeDraft>(key: K) =>
    (value: TypeDraft[K]) =>
      setDraft((d) => (d ? { ...d, [key]: value } : d));
  const save = useMutation({
    mutationFn: (d: TypeDraft) => saveAppointmentType(slug, d, isNew ? undefined : typeId),
    onSuccess: async ({ id }, d) => {
      setSavedName(d.name);
      await refresh('types', slug);
      if (isNew) {
        // The same page, now the type's own: the form and its message stay as they are.
        await navigate({
          to: '/console/setup/types/$typeId',
          params: { typeId: id },
          replace: true,
        });
      }
    },
  });
  const nameTaken = useNameTaken(save.error);
  const loading = [types, providers, rules].some((q) => q.isPending || q.isError);
  const title = isNew
    ? t('typeEdit.titleNew')
    : t('typeEdit.titleEdit', { name: existing?.name ?? '' });
  return (
    <section className="page">
      <p>
        <Link to="/console/setup/types">{t('typeEdit.back')}</Link>
      </p>
      <PageHeading lead={<p>{t('typeEdit.lead')}</p>}>{title}</PageHeading>
      <LoadState queries={[setup, types, providers, rules]} />
      {!loading && !isNew && !existing && (
        <InlineAlert tone="warning">{t('typeEdit.notFound')}</InlineAlert>
      )}
      {draft && !loading && (
        <Form
          error={save.error}
          fieldErrors={nameTaken}
          onSubmit={() => {
            setSavedName(null);
            save.mutate(draft);
          }}
        >
          <InlineAlert tone="error">{namesFields(save.error) && s('setup.fixFields')}</InlineAlert>
          <TypeBasics draft={draft} set={set} />
          <TypeWho
            draft={draft}
            set={set}
            otherTypes={(types.data ?? []).filter((x) => x.id !== typeId)}
          />
          <TypeScope
            draft={draft}
            set={set}
            providers={providers.data ?? []}
            locations={clinic?.locations ?? []}
            resources={rules.data?.resources ?? []}
          />
          <InlineAlert tone="success">
            {savedName && !save.isPending && t('typeEdit.created', { name: savedName })}
          </InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {isNew ? t('typeEdit.create') : s('setup.saveChanges')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}

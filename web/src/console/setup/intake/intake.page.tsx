import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useSession } from '../../../api/queries.ts';
import { defineForm, fetchTypeForm } from '../../../api/setup.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { LoadState } from '../../../components/load-state.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { namesFields } from '../name-taken.ts';
import { setupMessages } from '../setup.messages.ts';
import { useSetupClinic, useTypes } from '../setup.queries.ts';
import { intakeBuilderMessages } from './intake.messages.ts';
import { blankQuestion, toDefinition, toDraft, type QuestionDraft } from './question-draft.ts';
import { QuestionEditor } from './question-editor.tsx';

/**
 * The intake form of each appointment type, as a builder of questions (the types the intake
 * schema knows, conditions on earlier answers). Admins publish; managers read.
 */
export function SetupIntakePage() {
  const t = useMessages(intakeBuilderMessages);
  const s = useMessages(setupMessages);
  const { data: session } = useSession();
  const isAdmin = session?.account.roles.includes('admin') ?? false;
  const organizationId = session?.account.organizationId ?? '';
  const setup = useSetupClinic();
  const { slug } = setup;
  const types = useTypes(slug);
  const client = useQueryClient();
  const [typeId, setTypeId] = useState<string | null>(null);
  const chosen = typeId ?? types.data?.[0]?.id ?? null;
  const form = useQuery({
    queryKey: ['setup', 'intake-form', chosen],
    queryFn: async ({ signal }) => {
      try {
        return await fetchTypeForm(organizationId, chosen!, signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: chosen !== null && organizationId !== '',
  });
  const [title, setTitle] = useState('');
  const [questions, setQuestions] = useState<QuestionDraft[]>([]);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  useEffect(() => {
    if (form.data === undefined || loadedFor === chosen) return;
    setTitle(form.data?.definition.title ?? '');
    setQuestions(form.data ? form.data.definition.questions.map(toDraft) : [blankQuestion(1)]);
    setLoadedFor(chosen);
  }, [form.data, chosen, loadedFor]);
  const publish = useMutation({
    mutationFn: () => defineForm(chosen!, toDefinition(title, questions)),
    onSuccess: (view) => client.setQueryData(['setup', 'intake-form', chosen], view),
  });
  const update = (i: number, d: QuestionDraft) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? d : q)));
  const move = (i: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  return (
    <section className="page">
      <PageHeading lead={<p>{t('intakeBuilder.lead')}</p>}>{t('intakeBuilder.title')}</PageHeading>
      {!isAdmin && <InlineAlert tone="info">{t('intakeBuilder.adminOnly')}</InlineAlert>}
      <LoadState queries={[setup, types]} />
      {types.data?.length === 0 && <p>{t('intakeBuilder.noTypes')}</p>}
      {chosen && (
        <div className="form-grid">
          <Select
            label={t('intakeBuilder.type')}
            selectedKey={chosen}
            onSelectionChange={(k) => {
              publish.reset();
              setTypeId(String(k));
            }}
            options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </div>
      )}
      {chosen && <LoadState queries={[form]} />}
      {form.data !== undefined && loadedFor === chosen && (
        <>
          <p className="muted">
            {form.data
              ? t('intakeBuilder.version', { version: form.data.version })
              : t('intakeBuilder.none')}
          </p>
          <Form error={publish.error} onSubmit={() => publish.mutate()}>
            <InlineAlert tone="error">
              {namesFields(publish.error) && s('setup.fixFields')}
            </InlineAlert>
            <TextField
              name="title"
              label={t('intakeBuilder.formTitle')}
              isRequired
              isReadOnly={!isAdmin}
              maxLength={300}
              value={title}
              onChange={setTitle}
            />
            <h2>{t('intakeBuilder.questions')}</h2>
            <ol className="builder-list">
              {questions.map((q, i) => (
                <QuestionEditor
                  key={i}
                  index={i}
                  count={questions.length}
                  draft={q}
                  earlier={questions.slice(0, i)}
                  readOnly={!isAdmin}
                  onChange={(d) => update(i, d)}
                  onMove={(by) => move(i, by)}
                  onRemove={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                />
              ))}
            </ol>
            {isAdmin && (
              <>
                <p>
                  <Button
                    variant="secondary"
                    isDisabled={questions.length >= 50}
                    onPress={() => setQuestions((qs) => [...qs, blankQuestion(qs.length + 1)])}
                  >
                    {t('intakeBuilder.add')}
                  </Button>
                </p>
                <InlineAlert tone="success">
                  {publish.data && t('intakeBuilder.published', { version: publish.data.version })}
                </InlineAlert>
                <FormActions>
                  <Button type="submit" isPending={publish.isPending}>
                    {t('intakeBuilder.publish')}
                  </Button>
                </FormActions>
              </>
            )}
          </Form>
        </>
      )}
    </section>
  );
}

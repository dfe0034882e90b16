import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { fetchVisitGuide, saveVisitGuide } from '../../../api/setup.ts';
import type { VisitGuide } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { LoadState } from '../../../components/load-state.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { Select } from '../../../components/select.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { namesFields } from '../name-taken.ts';
import { setupMessages } from '../setup.messages.ts';
import { useSetupClinic, useTypes } from '../setup.queries.ts';
import { StepEditor } from './step-editor.tsx';
import { visitGuideMessages } from './visit-guide.messages.ts';

const firstStep = (n: number): VisitGuide['nodes'][number] => ({
  id: `step-${n}`,
  prompt: { en: '', es: '' },
  choices: [{ label: { en: '', es: '' }, next: '' }],
});

/** Drops what the API refuses as empty: a choice that leads nowhere yet. */
const cleaned = (g: VisitGuide): VisitGuide => ({
  ...g,
  nodes: g.nodes.map((n) => ({
    ...n,
    choices: n.choices.map((c) => {
      const { next, ...rest } = c;
      return next ? c : rest;
    }),
  })),
});

/** The clinic's "What do you need?" guide: steps, choices in English and Spanish, and where each leads. */
export function SetupVisitGuidePage() {
  const t = useMessages(visitGuideMessages);
  const s = useMessages(setupMessages);
  const setup = useSetupClinic();
  const { slug } = setup;
  const types = useTypes(slug);
  const guide = useQuery({
    queryKey: ['setup', slug, 'visit-guide'],
    queryFn: async ({ signal }) => {
      try {
        return await fetchVisitGuide(slug, signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: slug !== '',
  });
  const [draft, setDraft] = useState<VisitGuide | null>(null);
  useEffect(() => {
    if (guide.data === undefined || draft) return;
    if (guide.data) {
      setDraft({ start: guide.data.start, nodes: guide.data.nodes });
    } else {
      setDraft({ start: 'step-1', nodes: [firstStep(1)] });
    }
  }, [guide.data, draft]);
  const save = useMutation({ mutationFn: () => saveVisitGuide(slug, cleaned(draft!)) });
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  return (
    <section className="page">
      <PageHeading lead={<p>{t('guideEditor.lead')}</p>}>{t('guideEditor.title')}</PageHeading>
      <LoadState queries={[setup, guide, types]} />
      {guide.data === null && <InlineAlert tone="info">{t('guideEditor.none')}</InlineAlert>}
      {guide.data && (
        <p className="muted">{t('guideEditor.version', { version: guide.data.version })}</p>
      )}
      {draft && types.data && (
        <Form
          error={save.error}
          onSubmit={() =>
            save.mutate(undefined, {
              onSuccess: async () => {
                const next = await guide.refetch();
                setSavedVersion(next.data?.version ?? null);
              },
            })
          }
        >
          <InlineAlert tone="error">{namesFields(save.error) && s('setup.fixFields')}</InlineAlert>
          <Select
            name="start"
            label={t('guideEditor.start')}
            selectedKey={draft.start}
            onSelectionChange={(k) => setDraft({ ...draft, start: String(k) })}
            options={draft.nodes.map((n) => ({ value: n.id, label: n.prompt.en || n.id }))}
          />
          <h2>{t('guideEditor.steps')}</h2>
          <ol className="builder-list">
            {draft.nodes.map((n, i) => (
              <StepEditor
                key={i}
                index={i}
                step={n}
                steps={draft.nodes}
                types={types.data}
                onChange={(step) =>
                  setDraft({
                    ...draft,
                    start: draft.start === n.id ? step.id : draft.start,
                    nodes: draft.nodes.map((x, j) => (j === i ? step : x)),
                  })
                }
                onRemove={
                  draft.nodes.length > 1
                    ? () => setDraft({ ...draft, nodes: draft.nodes.filter((_, j) => j !== i) })
                    : null
                }
              />
            ))}
          </ol>
          <p>
            <Button
              variant="secondary"
              isDisabled={draft.nodes.length >= 40}
              onPress={() =>
                setDraft({ ...draft, nodes: [...draft.nodes, firstStep(draft.nodes.length + 1)] })
              }
            >
              {t('guideEditor.addStep')}
            </Button>
          </p>
          <InlineAlert tone="success">
            {savedVersion !== null &&
              save.isSuccess &&
              t('guideEditor.saved', { version: savedVersion })}
          </InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {t('guideEditor.save')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}

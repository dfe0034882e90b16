import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { updateAlertRule } from '../../../api/audit.ts';
import type { AlertRule, AlertRuleUpdate } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { SearchSelect } from '../../../components/search-select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { rulesMessages } from './rules.messages.ts';
import { rulesQuery } from './rules.queries.ts';

const zones = Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }));

interface Draft {
  threshold: number;
  windowMinutes: number;
  timeZone: string;
  start: string;
  end: string;
  webhookUrl: string;
  webhookSecret: string;
}

const draftOf = (rule: AlertRule): Draft => {
  const p = rule.params as Partial<Draft>;
  return {
    threshold: p.threshold ?? 1,
    windowMinutes: p.windowMinutes ?? 60,
    timeZone: p.timeZone ?? '',
    start: p.start ?? '07:00',
    end: p.end ?? '19:00',
    webhookUrl: rule.webhookUrl ?? '',
    webhookSecret: '',
  };
};

/** What the form changes: the parameters the rule's kind has, and its webhook. */
function changeOf(rule: AlertRule, d: Draft): AlertRuleUpdate {
  const p = rule.params;
  const kind = rule.kind as 'break_glass';
  const params =
    'threshold' in p
      ? { threshold: d.threshold, windowMinutes: d.windowMinutes }
      : 'timeZone' in p
        ? { timeZone: d.timeZone, start: d.start, end: d.end }
        : undefined;
  const url = d.webhookUrl.trim();
  return {
    ...(params && { rule: { kind, ...params } as AlertRuleUpdate['rule'] }),
    webhookUrl: url === '' ? null : url,
    ...(url !== '' && d.webhookSecret !== '' && { webhookSecret: d.webhookSecret }),
  };
}

/**
 * One rule's thresholds (or business hours) and its webhook target, edited in place; errors
 * (a target on a private address, a count out of range) show beside their fields.
 */
export function RuleSettings({ rule, name }: { rule: AlertRule; name: string }) {
  const t = useMessages(rulesMessages);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(rule));
  const save = useMutation({
    mutationFn: () => updateAlertRule(rule.id, changeOf(rule, draft)),
    onSuccess: (saved) => {
      setDraft(draftOf(saved));
      queryClient.setQueryData(rulesQuery.queryKey, (old) =>
        old ? { rules: old.rules.map((r) => (r.id === saved.id ? saved : r)) } : old,
      );
    },
  });
  // Editing a field clears the last refusal, so the corrected form can be sent again.
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) => {
      save.reset();
      setDraft((d) => ({ ...d, [k]: v }));
    };
  return (
    <Form
      error={save.error}
      onSubmit={() => save.mutate()}
      aria-label={t('rules.settingsOf', { kind: name })}
    >
      {'threshold' in rule.params && (
        <div className="form-grid">
          <NumberField
            name="rule.threshold"
            label={t('rules.threshold')}
            isRequired
            minValue={1}
            maxValue={100_000}
            value={draft.threshold}
            onChange={set('threshold')}
          />
          <NumberField
            name="rule.windowMinutes"
            label={t('rules.window')}
            unit={t('rules.minutes')}
            isRequired
            minValue={1}
            maxValue={24 * 60}
            value={draft.windowMinutes}
            onChange={set('windowMinutes')}
          />
        </div>
      )}
      {'timeZone' in rule.params && (
        <div className="form-grid">
          <TextField
            name="rule.start"
            type="time"
            label={t('rules.hoursStart')}
            isRequired
            value={draft.start}
            onChange={set('start')}
          />
          <TextField
            name="rule.end"
            type="time"
            label={t('rules.hoursEnd')}
            isRequired
            value={draft.end}
            onChange={set('end')}
          />
          <SearchSelect
            name="rule.timeZone"
            label={t('rules.timeZone')}
            isRequired
            options={zones}
            selectedKey={draft.timeZone || null}
            onSelectionChange={(k) => set('timeZone')(k == null ? '' : String(k))}
          />
        </div>
      )}
      <div className="form-grid">
        <TextField
          name="webhookUrl"
          type="url"
          label={t('rules.webhookUrl')}
          description={t('rules.webhookUrl.help')}
          value={draft.webhookUrl}
          onChange={set('webhookUrl')}
        />
        <TextField
          name="webhookSecret"
          type="password"
          autoComplete="off"
          label={t('rules.webhookSecret')}
          description={t(
            rule.webhookSigned ? 'rules.webhookSecret.kept' : 'rules.webhookSecret.help',
          )}
          value={draft.webhookSecret}
          onChange={set('webhookSecret')}
        />
      </div>
      <InlineAlert tone="success">{save.isSuccess && t('rules.saved', { kind: name })}</InlineAlert>
      <FormActions>
        <Button
          type="submit"
          variant="secondary"
          isPending={save.isPending}
          aria-label={t('rules.saveNamed', { kind: name })}
        >
          {t('rules.save')}
        </Button>
      </FormActions>
    </Form>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { updateAlertRule } from '../../../api/audit.ts';
import type { AlertRule, AlertRuleUpdate } from '../../../api/types.ts';
import { Checkbox } from '../../../components/checkbox.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Link } from '../../../components/link.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useKindName } from '../alert-kind.ts';
import { alertKindMessages } from '../alert-kinds.messages.ts';
import { AuditPage } from '../audit-guard.tsx';
import { rulesMessages } from './rules.messages.ts';
import { RuleSettings } from './rule-settings.tsx';
import { NewRule } from './new-rule.tsx';
import { rulesQuery } from './rules.queries.ts';

/** A rule's parameters in words: its threshold and window, or its business hours. */
function useParams() {
  const t = useMessages(alertKindMessages);
  return (rule: AlertRule) => {
    const p = rule.params as Record<string, string | number | undefined>;
    if (p.threshold !== undefined) {
      const values = { threshold: p.threshold, minutes: p.windowMinutes };
      if (rule.kind === 'repeated_denials') return t('alertKind.params.refusals', values);
      if (rule.kind === 'bulk_patient_reads' || rule.kind === 'new_device_bulk_reads')
        return t('alertKind.params.records', values);
      return t('alertKind.params.threshold', values);
    }
    if (p.timeZone !== undefined)
      return t('alertKind.params.hours', { start: p.start, end: p.end, zone: p.timeZone });
    return t('alertKind.params.none');
  };
}

const order = [
  'bulk_patient_reads',
  'new_device_bulk_reads',
  'repeated_denials',
  'export_outside_hours',
  'break_glass',
  'verification_failure',
];
/** The same order every time: by kind as listed, then as the server gave them. */
const byKind = (a: AlertRule, b: AlertRule) =>
  (order.indexOf(a.kind) + 1 || order.length + 1) - (order.indexOf(b.kind) + 1 || order.length + 1);

/**
 * The organization's alert rules: each on or off, whether it emails the officers, its
 * thresholds (or business hours) and its webhook target.
 */
export function RulesPage() {
  const t = useMessages(rulesMessages);
  const problemText = useProblemText();
  const kindName = useKindName();
  const paramsOf = useParams();
  const queryClient = useQueryClient();
  const rules = useQuery(rulesQuery);
  const [added, setAdded] = useState('');
  const change = useMutation({
    mutationFn: ({ id, update }: { id: string; update: AlertRuleUpdate }) =>
      updateAlertRule(id, update),
    onSuccess: (rule) => {
      queryClient.setQueryData(rulesQuery.queryKey, (old) =>
        old ? { rules: old.rules.map((r) => (r.id === rule.id ? rule : r)) } : old,
      );
    },
  });

  return (
    <AuditPage title={t('rules.title')} lead={<p>{t('rules.lead')}</p>}>
      <InlineAlert tone={change.isError ? 'error' : 'success'}>
        {change.isError
          ? problemText(change.error)
          : change.data
            ? t('rules.saved', { kind: kindName(change.data.kind) })
            : added && t('rules.new.added', { kind: kindName(added) })}
      </InlineAlert>
      {rules.isPending ? (
        <Loading label={t('rules.loading')} />
      ) : rules.isError ? (
        <InlineAlert tone="error">{problemText(rules.error)}</InlineAlert>
      ) : rules.data.rules.length === 0 ? (
        <p>{t('rules.none')}</p>
      ) : (
        <ul className="rule-list">
          {[...rules.data.rules].sort(byKind).map((rule) => (
            <li key={rule.id}>
              <article className="card" aria-labelledby={`rule-${rule.id}`}>
                <h2 className="card-title" id={`rule-${rule.id}`}>
                  {kindName(rule.kind)}
                </h2>
                <p className="muted">{paramsOf(rule)}</p>
                <Checkbox
                  isSelected={rule.enabled}
                  isDisabled={change.isPending}
                  onChange={(enabled) => change.mutate({ id: rule.id, update: { enabled } })}
                >
                  {t('rules.enabled')}
                </Checkbox>
                <Checkbox
                  isSelected={rule.email}
                  isDisabled={change.isPending}
                  onChange={(email) => change.mutate({ id: rule.id, update: { email } })}
                >
                  {t('rules.email')}
                </Checkbox>
                <RuleSettings rule={rule} name={kindName(rule.kind)} />
              </article>
            </li>
          ))}
        </ul>
      )}
      {rules.data && (
        <NewRule
          onCreated={(kind) => {
            change.reset();
            setAdded(kind);
          }}
        />
      )}
      <p>
        <Link to="/console/audit/alerts">{t('rules.alerts')}</Link>
      </p>
    </AuditPage>
  );
}

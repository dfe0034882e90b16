import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createAlertRule } from '../../../api/audit.ts';
import type { AlertRuleInput } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Checkbox } from '../../../components/checkbox.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { SearchSelect } from '../../../components/search-select.tsx';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { alertKinds, useKindName } from '../alert-kind.ts';
import { rulesMessages } from './rules.messages.ts';
import { rulesQuery } from './rules.queries.ts';

type Kind = (typeof alertKinds)[number];
const zones = Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }));
/** The server's defaults per counting kind (audit.alert-rules.ts), shown as the starting values. */
const counts: Partial<Record<Kind, { threshold: number; windowMinutes: number }>> = {
  bulk_patient_reads: { threshold: 50, windowMinutes: 60 },
  new_device_bulk_reads: { threshold: 20, windowMinutes: 60 },
  repeated_denials: { threshold: 5, windowMinutes: 15 },
};

/**
 * A new alert rule: its kind, the parameters that kind has, and whether it emails the officers.
 * It starts on; its webhook is set on its card once it exists. Refusals show beside their fields.
 */
export function NewRule({ onCreated }: { onCreated: (kind: string) => void }) {
  const t = useMessages(rulesMessages);
  const kindName = useKindName();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('export_outside_hours');
  const [threshold, setThreshold] = useState(counts.bulk_patient_reads!.threshold);
  const [windowMinutes, setWindow] = useState(counts.bulk_patient_reads!.windowMinutes);
  const [timeZone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [start, setStart] = useState('07:00');
  const [end, setEnd] = useState('19:00');
  const [email, setEmail] = useState(true);
  const counting = kind in counts;
  const hours = kind === 'export_outside_hours';
  const rule = (
    counting
      ? { kind, threshold, windowMinutes }
      : hours
        ? { kind, timeZone, start, end }
        : { kind }
  ) as AlertRuleInput['rule'];
  const create = useMutation({
    mutationFn: () => createAlertRule({ rule, email }),
    onSuccess: (created) => {
      queryClient.setQueryData(rulesQuery.queryKey, (old) =>
        old ? { rules: [...old.rules, created] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: rulesQuery.queryKey });
      onCreated(created.kind);
    },
  });
  const edit =
    <V,>(setter: (v: V) => void) =>
    (v: V) => {
      create.reset();
      setter(v);
    };

  return (
    <section className="card" aria-labelledby="new-rule-title">
      <h2 className="card-title" id="new-rule-title">
        {t('rules.new.title')}
      </h2>
      <Form error={create.error} onSubmit={() => create.mutate()} aria-labelledby="new-rule-title">
        <div className="form-grid">
          <Select
            label={t('rules.new.kind')}
            selectedKey={kind}
            onSelectionChange={(k) => {
              const next = String(k) as Kind;
              create.reset();
              setKind(next);
              const defaults = counts[next];
              if (defaults) {
                setThreshold(defaults.threshold);
                setWindow(defaults.windowMinutes);
              }
            }}
            options={alertKinds.map((k) => ({ value: k, label: kindName(k) }))}
          />
        </div>
        {counting && (
          <div className="form-grid">
            <NumberField
              name="rule.threshold"
              label={t('rules.threshold')}
              isRequired
              minValue={1}
              maxValue={100_000}
              value={threshold}
              onChange={edit(setThreshold)}
            />
            <NumberField
              name="rule.windowMinutes"
              label={t('rules.window')}
              unit={t('rules.minutes')}
              isRequired
              minValue={1}
              maxValue={24 * 60}
              value={windowMinutes}
              onChange={edit(setWindow)}
            />
          </div>
        )}
        {hours && (
          <div className="form-grid">
            <TextField
              name="rule.start"
              type="time"
              label={t('rules.hoursStart')}
              isRequired
              value={start}
              onChange={edit(setStart)}
            />
            <TextField
              name="rule.end"
              type="time"
              label={t('rules.hoursEnd')}
              isRequired
              value={end}
              onChange={edit(setEnd)}
            />
            <SearchSelect
              name="rule.timeZone"
              label={t('rules.timeZone')}
              isRequired
              options={zones}
              selectedKey={timeZone || null}
              onSelectionChange={(k) => edit(setZone)(k == null ? '' : String(k))}
            />
          </div>
        )}
        <Checkbox isSelected={email} onChange={edit(setEmail)}>
          {t('rules.email')}
        </Checkbox>
        <FormActions>
          <Button type="submit" isPending={create.isPending}>
            {t('rules.new.submit')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { invite, type InvitationInput } from '../../api/admin.ts';
import type { Location, Provider, WorkforceRole } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleMessages } from '../console.messages.ts';
import { workforceRoles } from './roles.ts';
import { invitationsQuery } from './users.queries.ts';
import { usersMessages } from './users.messages.ts';

const empty: InvitationInput = {
  email: '',
  displayName: '',
  roles: ['front_desk'],
  locationIds: [],
  providerId: null,
};

/** Invites a staff member by email, with their roles, locations and provider profile. */
export function InviteForm({
  locations,
  providers,
}: {
  locations: Location[];
  providers: Provider[];
}) {
  const t = useMessages(usersMessages);
  const c = useMessages(consoleMessages);
  const intl = useIntl();
  const client = useQueryClient();
  const [draft, setDraft] = useState(empty);
  const [sent, setSent] = useState<{ email: string; expiresAt: string } | null>(null);
  const send = useMutation({
    mutationFn: () => invite(draft),
    onSuccess: async ({ expiresAt }) => {
      setSent({ email: draft.email, expiresAt });
      setDraft(empty);
      await client.invalidateQueries({ queryKey: invitationsQuery.queryKey });
    },
  });
  const set =
    <K extends keyof InvitationInput>(k: K) =>
    (v: InvitationInput[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));
  return (
    <section className="section form-panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('users.invite')}</h2>
      <p className="rule-help">{t('users.invite.help')}</p>
      <Form
        error={send.error}
        fieldErrors={draft.roles.length === 0 ? { roles: t('users.rolesRequired') } : undefined}
        onSubmit={() => {
          setSent(null);
          if (draft.roles.length > 0) send.mutate();
        }}
      >
        <div className="form-grid">
          <TextField
            name="displayName"
            label={t('users.inviteName')}
            isRequired
            value={draft.displayName}
            onChange={set('displayName')}
          />
          <TextField
            name="email"
            type="email"
            autoComplete="off"
            label={t('users.inviteEmail')}
            isRequired
            value={draft.email}
            onChange={set('email')}
          />
        </div>
        <CheckboxGroup
          name="roles"
          label={t('users.roles')}
          value={draft.roles}
          onChange={(v) => set('roles')(v as WorkforceRole[])}
          options={workforceRoles.map((r) => ({
            value: r,
            label: c(`role.${r}`),
            detail: t(`users.role.${r}.detail`),
          }))}
        />
        <CheckboxGroup
          name="locationIds"
          label={t('users.locations')}
          description={t('users.locations.help')}
          value={draft.locationIds}
          onChange={set('locationIds')}
          options={locations.map((l) => ({ value: l.id, label: l.name }))}
        />
        {draft.roles.includes('clinician') && (
          <Select
            name="providerId"
            label={t('users.inviteProvider')}
            description={t('users.inviteProvider.help')}
            selectedKey={draft.providerId ?? 'none'}
            onSelectionChange={(k) => set('providerId')(k === 'none' ? null : String(k))}
            options={[
              { value: 'none', label: t('users.noProvider') },
              ...providers.map((p) => ({ value: p.id, label: p.displayName })),
            ]}
          />
        )}
        <InlineAlert tone="success">
          {sent &&
            t('users.invited', {
              email: sent.email,
              when: intl.formatDate(sent.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }),
            })}
        </InlineAlert>
        <FormActions>
          <Button type="submit" isPending={send.isPending}>
            {t('users.inviteButton')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

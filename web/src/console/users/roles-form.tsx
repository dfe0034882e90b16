import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changeRoles } from '../../api/admin.ts';
import type { Location, StaffAccount, WorkforceRole } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleMessages } from '../console.messages.ts';
import { setupMessages } from '../setup/setup.messages.ts';
import { workforceRoles } from './roles.ts';
import { accountsQuery } from './users.queries.ts';
import { usersMessages } from './users.messages.ts';

interface Props {
  account: StaffAccount;
  locations: Location[];
  onDone: (savedName: string | null) => void;
}

/** One account's roles and locations. The server asks for a fresh step-up, and ends its sessions. */
export function RolesForm({ account, locations, onDone }: Props) {
  const t = useMessages(usersMessages);
  const c = useMessages(consoleMessages);
  const s = useMessages(setupMessages);
  const client = useQueryClient();
  const [roles, setRoles] = useState(account.roles as WorkforceRole[]);
  const [locationIds, setLocationIds] = useState(account.locationIds);
  const save = useMutation({
    mutationFn: () => changeRoles(account.id, { roles, locationIds }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: accountsQuery.queryKey });
      onDone(account.displayName);
    },
  });
  return (
    <section className="section form-panel" aria-labelledby="roles-heading">
      <h2 id="roles-heading" tabIndex={-1}>
        {t('users.rolesOf', { name: account.displayName })}
      </h2>
      <Form
        error={save.error}
        fieldErrors={roles.length === 0 ? { roles: t('users.rolesRequired') } : undefined}
        onSubmit={() => roles.length > 0 && save.mutate()}
      >
        <CheckboxGroup
          name="roles"
          label={t('users.roles')}
          value={roles}
          onChange={(v) => setRoles(v as WorkforceRole[])}
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
          value={locationIds}
          onChange={setLocationIds}
          options={locations.map((l) => ({ value: l.id, label: l.name }))}
        />
        <FormActions>
          <Button type="submit" isPending={save.isPending}>
            {t('users.saveRoles')}
          </Button>
          <Button variant="quiet" onPress={() => onDone(null)}>
            {s('setup.cancelEdit')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

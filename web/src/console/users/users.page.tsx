import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setAccountEnabled } from '../../api/admin.ts';
import { useClinic, useSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleMessages } from '../console.messages.ts';
import { useProviders } from '../setup/setup.queries.ts';
import '../setup/setup.css';
import { InviteForm } from './invite-form.tsx';
import { PendingInvitations } from './pending-invitations.tsx';
import { RolesForm } from './roles-form.tsx';
import { accountsQuery } from './users.queries.ts';
import { usersMessages } from './users.messages.ts';

/** Staff accounts (admins): roles and locations, enable or disable, and invitations. */
export function UsersPage() {
  const t = useMessages(usersMessages);
  const c = useMessages(consoleMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const clinic = useClinic();
  // Not one's own account: an admin who disabled themselves would be locked out at once.
  const me = useSession().data?.account.id;
  const providers = useProviders(clinic.data?.slug ?? '');
  const accounts = useQuery(accountsQuery);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (a: { id: string; enable: boolean }) => setAccountEnabled(a.id, a.enable),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsQuery.queryKey }),
  });
  const locations = clinic.data?.locations ?? [];
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? '';
  const account = accounts.data?.find((a) => a.id === editing);
  return (
    <section className="page">
      <PageHeading lead={<p>{t('users.lead')}</p>}>{t('users.title')}</PageHeading>
      <p>
        <Link to="/console/users/session-policy">{t('users.sessionPolicyLink')}</Link>
      </p>
      {accounts.isPending && <Loading />}
      <InlineAlert tone="error">
        {(accounts.isError && problemText(accounts.error)) ||
          (toggle.isError && problemText(toggle.error))}
      </InlineAlert>
      <InlineAlert tone="success">{saved && t('users.rolesSaved', { name: saved })}</InlineAlert>
      {accounts.data && (
        <div className="table-wrap">
          <table className="records">
            <caption>{t('users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.locations')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.displayName}</th>
                  <td>{a.email}</td>
                  <td>{a.roles.map((r) => c(`role.${r as 'admin'}`)).join(', ')}</td>
                  <td>
                    {a.locationIds.length === 0
                      ? t('users.allLocations')
                      : a.locationIds.map(locationName).join(', ')}
                  </td>
                  <td>
                    {t(a.status === 'disabled' ? 'users.status.disabled' : 'users.status.active')}
                    {a.status === 'active' && !a.mfaEnabled && (
                      <>
                        <br />
                        <span className="muted">{t('users.mfaMissing')}</span>
                      </>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <Button
                        variant="secondary"
                        aria-label={t('users.changeRolesOf', { name: a.displayName })}
                        onPress={() => {
                          setSaved(null);
                          setEditing(a.id);
                        }}
                      >
                        {t('users.changeRoles')}
                      </Button>
                      {(a.status === 'active' || a.status === 'disabled') && a.id !== me && (
                        <Button
                          variant="secondary"
                          aria-label={t(
                            a.status === 'disabled' ? 'users.enableNamed' : 'users.disableNamed',
                            { name: a.displayName },
                          )}
                          onPress={() =>
                            toggle.mutate({ id: a.id, enable: a.status === 'disabled' })
                          }
                        >
                          {t(a.status === 'disabled' ? 'users.enable' : 'users.disable')}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {account && (
        <RolesForm
          key={account.id}
          account={account}
          locations={locations}
          onDone={(name) => {
            setEditing(null);
            setSaved(name);
          }}
        />
      )}
      <PendingInvitations />
      <InviteForm locations={locations} providers={providers.data ?? []} />
    </section>
  );
}

import { recordHref } from '../../api/account.ts';
import { useSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Link, LinkButton } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { useSignOut } from '../../app/sign-out.ts';
import { accountMessages } from './account.messages.ts';
import { DevicesSection } from './devices-section.tsx';
import { PasswordSection } from './password-section.tsx';
import { PreferencesSection } from './preferences-section.tsx';
import { PushSection } from './push-section.tsx';
import { ProxiesSection } from './proxies-section.tsx';
import './account.css';

/**
 * The patient's account (signed-in patients only): devices, how the clinic contacts them,
 * family and caregivers, their record to download, password and authenticator app.
 */
export function AccountPage() {
  const t = useMessages(accountMessages);
  const { data: session } = useSession();
  const signOut = useSignOut();
  if (!session) return null;
  const { account } = session;
  return (
    <section className="page page-narrow account">
      <PageHeading lead={<p>{t('account.signedInAs', { name: account.displayName })}</p>}>
        {t('account.title')}
      </PageHeading>
      <div className="account-actions">
        <LinkButton to="/appointments" variant="secondary">
          {t('account.appointments')}
        </LinkButton>
        <Button variant="quiet" onPress={() => void signOut()}>
          {t('account.signOut')}
        </Button>
      </div>
      <DevicesSection />
      {account.patientId && (
        <PreferencesSection patientId={account.patientId} language={account.language ?? 'en'} />
      )}
      {account.patientId && <PushSection />}
      {account.patientId && <ProxiesSection patientId={account.patientId} />}
      <section className="section card account-section" aria-labelledby="record-heading">
        <h2 id="record-heading">{t('account.record.title')}</h2>
        <p className="muted">{t('account.record.lead')}</p>
        <a className="button button-secondary" href={recordHref} download="my-record.json">
          {t('account.record.download')}
        </a>
      </section>
      <PasswordSection />
      <section className="section card account-section" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">{t('account.mfa.title')}</h2>
        {account.mfaEnabled ? (
          <p>{t('account.mfa.on')}</p>
        ) : (
          <>
            <p>{t('account.mfa.off')}</p>
            <Link to="/account/authenticator" search={{ redirect: '/account' }}>
              {t('account.mfa.setUp')}
            </Link>
          </>
        )}
      </section>
    </section>
  );
}

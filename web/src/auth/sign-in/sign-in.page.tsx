import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { signIn } from '../../api/identity.ts';
import { refreshSession, useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PasswordField } from '../../components/password-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { destinationFor } from '../destination.ts';
import { signInMessages } from './sign-in.messages.ts';

const route = getRouteApi('/sign-in');

/**
 * Sign in with email and password at this server's clinic; then the second factor (or, for a
 * new workforce account, the authenticator's enrollment), then the place the person came for.
 */
export function SignInPage() {
  const t = useMessages(signInMessages);
  const a = useMessages(authMessages);
  const { redirect, notice } = route.useSearch();
  const { data: clinic } = useClinic();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const mutation = useMutation({
    mutationFn: async () => {
      await signIn({ organization: clinic!.slug, email, password });
      return refreshSession(queryClient);
    },
    onSuccess: async (session) => {
      setPassword('');
      if (session) await router.navigate({ href: destinationFor(session, redirect) });
    },
  });

  return (
    <section className="page page-narrow">
      <PageHeading lead={clinic && <p>{t('signIn.lead', { clinic: clinic.name })}</p>}>
        {t('signIn.title')}
      </PageHeading>
      <InlineAlert tone="info">{notice && t(`signIn.notice.${notice}`)}</InlineAlert>
      <Form error={mutation.error} onSubmit={() => mutation.mutate()}>
        <TextField
          label={a('auth.email')}
          name="email"
          type="email"
          autoComplete="username"
          isRequired
          value={email}
          onChange={setEmail}
        />
        <PasswordField
          purpose="current"
          label={a('auth.password')}
          name="password"
          isRequired
          value={password}
          onChange={setPassword}
        />
        <FormActions>
          <Button type="submit" isPending={mutation.isPending || !clinic} wide>
            {t('signIn.submit')}
          </Button>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </FormActions>
      </Form>
      <p className="aside">
        {t('signIn.new')} <Link to="/register">{t('signIn.register')}</Link>
      </p>
    </section>
  );
}

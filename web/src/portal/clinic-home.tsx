import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Organization } from '../api/types.ts';
import { LocationCard } from '../components/location-card.tsx';
import { t } from '../i18n/i18n.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'error' }
  | { kind: 'empty' }
  | { kind: 'ready'; organization: Organization };

/** The first page: the clinic served here and its locations, read from the API. */
export function ClinicHome() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const { organizations } = await api.organizations(abort.signal);
      const first = organizations[0];
      if (!first) return setState({ kind: 'empty' });
      setState({ kind: 'ready', organization: await api.organization(first.slug, abort.signal) });
    })().catch((err: unknown) => {
      if (!abort.signal.aborted) setState({ kind: 'error' });
      return err;
    });
    return () => abort.abort();
  }, []);

  if (state.kind === 'loading') return <p aria-live="polite">{t('home.loading')}</p>;
  if (state.kind === 'error') return <p role="alert">{t('home.error')}</p>;
  if (state.kind === 'empty') return <p>{t('home.empty')}</p>;
  const { organization } = state;
  return (
    <>
      <h1>{organization.name}</h1>
      {organization.isDemo && <p className="notice">{t('home.demoNotice')}</p>}
      <section aria-labelledby="locations-heading">
        <h2 id="locations-heading">{t('home.locations')}</h2>
        <ul className="cards">
          {organization.locations.map((location) => (
            <li key={location.id}>
              <LocationCard location={location} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

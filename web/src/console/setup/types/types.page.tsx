import { Link, LinkButton } from '../../../components/link.tsx';
import { LoadState } from '../../../components/load-state.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupMessages } from '../setup.messages.ts';
import { useProviders, useSetupClinic, useTypes } from '../setup.queries.ts';
import { typesMessages } from './types.messages.ts';

/** The clinic's appointment types at a glance; each opens its own page of rules. */
export function SetupTypesPage() {
  const t = useMessages(typesMessages);
  const s = useMessages(setupMessages);
  const setup = useSetupClinic();
  const { slug } = setup;
  const types = useTypes(slug);
  const providers = useProviders(slug);
  const providerName = (id: string) => providers.data?.find((p) => p.id === id)?.displayName ?? '';
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupTypes.lead')}</p>}>{t('setupTypes.title')}</PageHeading>
      <p>
        <LinkButton to="/console/setup/types/$typeId" params={{ typeId: 'new' }}>
          {t('setupTypes.new')}
        </LinkButton>
      </p>
      <LoadState queries={[setup, types]} />
      {types.data && (
        <div className="table-wrap">
          <table className="records">
            <caption>{t('setupTypes.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('setupTypes.name')}</th>
                <th scope="col">{t('setupTypes.length')}</th>
                <th scope="col">{t('setupTypes.buffers')}</th>
                <th scope="col">{t('setupTypes.offered')}</th>
                <th scope="col">{t('setupTypes.providers')}</th>
              </tr>
            </thead>
            <tbody>
              {types.data.map((type) => (
                <tr key={type.id}>
                  <th scope="row">
                    <Link to="/console/setup/types/$typeId" params={{ typeId: type.id }}>
                      {type.name}
                    </Link>
                  </th>
                  <td>{t('setupTypes.minutes', { count: type.durationMinutes })}</td>
                  <td>
                    {t('setupTypes.buffersValue', {
                      before: type.bufferBeforeMinutes,
                      after: type.bufferAfterMinutes,
                    })}
                  </td>
                  <td>{type.modalities.map((m) => s(`setup.modality.${m}`)).join(', ')}</td>
                  <td>
                    {type.scope.length === 0
                      ? t('setupTypes.nobody')
                      : [...new Set(type.scope.map((x) => providerName(x.providerId)))].join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

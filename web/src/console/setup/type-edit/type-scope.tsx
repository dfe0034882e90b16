import type { Location, Provider, Resource } from '../../../api/types.ts';
import { Checkbox } from '../../../components/checkbox.tsx';
import { CheckboxGroup } from '../../../components/checkbox-group.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { pairKey, pairOf, type TypeDraft } from './type-draft.ts';
import { typeEditMessages } from './type-edit.messages.ts';

interface Props {
  draft: TypeDraft;
  set: <K extends keyof TypeDraft>(key: K) => (value: TypeDraft[K]) => void;
  providers: Provider[];
  locations: Location[];
  resources: Resource[];
}

/**
 * The rooms or equipment it needs, which providers offer it at which locations, and whether the
 * front desk may overbook it.
 */
export function TypeScope({ draft, set, providers, locations, resources }: Props) {
  const t = useMessages(typeEditMessages);
  const kinds = [...new Set([...resources.map((r) => r.kind), ...draft.requiredResourceKinds])];
  const pairs = providers.flatMap((p) =>
    locations
      .filter((l) => p.locationIds.includes(l.id))
      .map((l) => ({
        value: pairKey({ providerId: p.id, locationId: l.id }),
        label: t('typeEdit.scopeAt', { provider: p.displayName, location: l.name }),
      })),
  );
  return (
    <>
      <div className="rule-group">
        {kinds.length === 0 ? (
          <p className="rule-help">
            <strong>{t('typeEdit.resources')}</strong> {t('typeEdit.noResources')}
          </p>
        ) : (
          <CheckboxGroup
            name="requiredResourceKinds"
            label={t('typeEdit.resources')}
            description={t('typeEdit.resources.help')}
            value={draft.requiredResourceKinds}
            onChange={set('requiredResourceKinds')}
            options={kinds.map((k) => ({ value: k, label: k }))}
          />
        )}
      </div>
      <div className="rule-group">
        {pairs.length === 0 ? (
          <InlineAlert tone="info" title={t('typeEdit.scope')}>
            {t('typeEdit.noScope')}
          </InlineAlert>
        ) : (
          <CheckboxGroup
            name="scope"
            label={t('typeEdit.scope')}
            description={t('typeEdit.scope.help')}
            value={draft.scope.map(pairKey)}
            onChange={(keys) => set('scope')(keys.map(pairOf))}
            options={pairs}
          />
        )}
      </div>
      <div className="rule-group">
        <Checkbox isSelected={draft.allowsOverbooking} onChange={set('allowsOverbooking')}>
          {t('typeEdit.overbooking')}
        </Checkbox>
        <p className="rule-help">{t('typeEdit.overbooking.help')}</p>
      </div>
    </>
  );
}

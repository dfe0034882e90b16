import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import type {
  AppointmentTypeView,
  EligibilityAnswer,
  Modality,
  VisitGuide,
} from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookMessages } from './book.messages.ts';
import { walkGuide } from './guide.ts';
import { reasonText } from './reasons.ts';
import { StepHeading } from './step-heading.tsx';

interface Props {
  guide: VisitGuide | null;
  types: AppointmentTypeView[];
  path: number[];
  /** Eligibility of the guide's types for the patient (null: not signed in, the server checks). */
  eligibility: EligibilityAnswer['types'] | null;
  focus: boolean;
  onPath(path: number[]): void;
  onType(typeId: string, modality: Modality | undefined): void;
  /** Shown above the first question: "book again" for a returning patient. */
  shortcut?: React.ReactNode;
}

/**
 * "What do you need?": the clinic's guide, one question at a time, each choice one press. Where
 * the path ends at a visit type the patient cannot book, says why in plain words and lets them
 * choose again; without a guide, the clinic's visit types are the choices.
 */
export function NeedStep({
  guide,
  types,
  path,
  eligibility,
  focus,
  onPath,
  onType,
  shortcut,
}: Props) {
  const t = useMessages(bookMessages);
  const { locale } = useIntl();
  const lang = locale === 'es' ? 'es' : 'en';
  const typeName = (id: string) => types.find((x) => x.id === id)?.name ?? '';
  const notOffered = (typeId: string) =>
    eligibility?.find((e) => e.appointmentTypeId === typeId && !e.offered) ?? null;

  const prompt = useRef<HTMLLegendElement>(null);
  const asked = useRef(path.length);
  // The next question replaces the pressed button: focus goes to the question, not the page top.
  useEffect(() => {
    if (asked.current === path.length) return;
    asked.current = path.length;
    prompt.current?.focus();
  }, [path.length]);

  if (!guide) {
    return (
      <section className="step">
        <StepHeading focus={focus}>{t('book.need.title')}</StepHeading>
        {shortcut}
        <ul className="choice-list">
          {types.map((type) => (
            <li key={type.id}>
              <Button variant="secondary" wide onPress={() => onType(type.id, undefined)}>
                {type.name}
              </Button>
              <p className="muted">{type.description}</p>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  const walk = walkGuide(guide, path);
  const blocked = walk.end ? notOffered(walk.end.appointmentTypeId) : null;
  return (
    <section className="step">
      <StepHeading focus={focus}>{t('book.need.title')}</StepHeading>
      {path.length === 0 && shortcut}
      {walk.trail.length > 0 && (
        <div className="trail">
          <p className="muted">{t('book.need.answers')}</p>
          <ol>
            {walk.trail.map(({ step, choice }) => (
              <li key={step.id}>
                {step.prompt[lang]} <strong>{choice.label[lang]}</strong>
              </li>
            ))}
          </ol>
          <Button variant="quiet" onPress={() => onPath(path.slice(0, -1))}>
            {t('book.need.changeAnswer')}
          </Button>
        </div>
      )}
      {walk.step && (
        <fieldset className="question-step">
          <legend className="question-prompt" ref={prompt} tabIndex={-1}>
            {walk.step.prompt[lang]}
          </legend>
          <ul className="choice-list">
            {walk.step.choices.map((choice, i) => (
              <li key={i}>
                <Button
                  variant="secondary"
                  wide
                  onPress={() => {
                    const next = [...path, i];
                    const end = walkGuide(guide, next).end;
                    if (end && !notOffered(end.appointmentTypeId))
                      onType(end.appointmentTypeId, end.modality);
                    onPath(next);
                  }}
                >
                  {choice.label[lang]}
                </Button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {blocked && walk.end && (
        <InlineAlert
          tone="warning"
          title={t('book.need.notOffered', { type: typeName(walk.end.appointmentTypeId) })}
        >
          <ul>
            {blocked.reasons.map((r) => (
              <li key={r.code}>{reasonText(t, r, typeName)}</li>
            ))}
          </ul>
          <p>{t('book.need.notOfferedNext')}</p>
        </InlineAlert>
      )}
    </section>
  );
}

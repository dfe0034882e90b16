import { useMutation } from '@tanstack/react-query';
import { explainTime } from '../../api/schedule.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { scheduleMessages } from './schedule.messages.ts';

interface Props {
  appointmentTypeId: string;
  providerId: string;
  locationId: string;
  start: string;
  timeLabel: string;
}

/** "Why is this time not offered?": the availability engine's reasons, in the reader's words. */
export function ExplainTime({ timeLabel, ...q }: Props) {
  const t = useMessages(scheduleMessages);
  const problemText = useProblemText();
  const explain = useMutation({ mutationFn: () => explainTime(q) });
  const reason = (code: string, message: string) =>
    `desk.explain.${code}` in scheduleMessages.en
      ? t(`desk.explain.${code}` as 'desk.explain.booked')
      : message;
  return (
    <div className="explain">
      <Button variant="quiet" onPress={() => explain.mutate()} isPending={explain.isPending}>
        {t('desk.explain.ask')}
      </Button>
      <div aria-live="polite">
        {explain.data &&
          (explain.data.bookable ? (
            <p>{t('desk.explain.bookable')}</p>
          ) : (
            <>
              <p className="explain-title">{t('desk.explain.title', { time: timeLabel })}</p>
              <ul>
                {explain.data.reasons.map((r) => (
                  <li key={r.code}>{reason(r.code, r.message)}</li>
                ))}
              </ul>
            </>
          ))}
      </div>
      <InlineAlert tone="error">{explain.isError && problemText(explain.error)}</InlineAlert>
    </div>
  );
}

import type { Answers, FormView, Question } from '../../api/types.ts';
import type { Translate } from '../../i18n/use-messages.ts';
import type { intakeMessages } from './intake.messages.ts';

export type IntakeT = Translate<(typeof intakeMessages)['en']>;

/** What the controls hold: numbers as typed (text), everything else as the API takes it. */
export type FieldValue = string | boolean | string[];
export type Values = Record<string, FieldValue>;
export type FieldErrors = Record<string, string>;
type Definition = FormView['definition'];

/** Shown when the earlier question was answered with the expected value (as on the server). */
export function isShown(q: Question, answers: Answers): boolean {
  return !q.showWhen || answers[q.showWhen.questionId] === q.showWhen.equals;
}

const isEmpty = (v: FieldValue | undefined) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && !v.length);

/** A saved draft's answers as control values. */
export function fromAnswers(form: Definition, answers: Answers): Values {
  const values: Values = {};
  for (const q of form.questions) {
    const v = answers[q.id];
    if (v !== undefined) values[q.id] = typeof v === 'number' ? String(v) : v;
  }
  return values;
}

/** The answer a value stands for, or an error text. Mirrors intake.validate.ts on the server. */
function convert(
  q: Question,
  v: FieldValue,
  t: IntakeT,
): { value: Answers[string] } | { error: string } {
  switch (q.type) {
    case 'short_text':
      return String(v).trim().length <= q.maxLength
        ? { value: String(v).trim() }
        : { error: t('intake.error.tooLong', { max: q.maxLength }) };
    case 'number': {
      const n = Number(String(v).trim());
      if (!Number.isFinite(n)) return { error: t('intake.error.number') };
      if (q.integer && !Number.isInteger(n)) return { error: t('intake.error.whole') };
      if (n < q.min || n > q.max) {
        return { error: t('intake.error.range', { min: q.min, max: q.max }) };
      }
      return { value: n };
    }
    case 'date':
      return typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        ? { value: v }
        : { error: t('intake.error.date') };
    default:
      return { value: v };
  }
}

/**
 * The answers to send: questions shown given the earlier answers, non-empty, passing the
 * client-side checks. Errors name the questions that failed; `complete` adds required ones.
 */
export function toAnswers(
  form: Definition,
  values: Values,
  opts: { complete: boolean; t: IntakeT },
): { answers: Answers; errors: FieldErrors } {
  const answers: Answers = {};
  const errors: FieldErrors = {};
  for (const q of form.questions) {
    if (!isShown(q, answers)) continue;
    const v = values[q.id];
    if (v === undefined || isEmpty(v)) {
      if (opts.complete && q.required) errors[q.id] = opts.t('intake.error.required');
      continue;
    }
    const out = convert(q, v, opts.t);
    if ('error' in out) errors[q.id] = out.error;
    else answers[q.id] = out.value;
  }
  return { answers, errors };
}

/** The questions to show now: a question whose condition is not met disappears. */
export function shownQuestions(form: Definition, values: Values, t: IntakeT): Question[] {
  const { answers } = toAnswers(form, values, { complete: false, t });
  return form.questions.filter((q) => isShown(q, answers));
}

/** The server's per-field problems (`/body/answers/<id>`), by question id. */
export function serverFieldErrors(errors: { pointer: string; detail: string }[] = []) {
  const byId: FieldErrors = {};
  for (const e of errors) {
    const m = /^\/body\/answers\/([a-z][a-z0-9_]*)/.exec(e.pointer);
    if (m) byId[m[1]!] = e.detail;
  }
  return byId;
}

/** A sensitive identifier as it may be shown: its last four characters only. */
export const masked = (value: string) => `•••• ${value.slice(-4)}`;

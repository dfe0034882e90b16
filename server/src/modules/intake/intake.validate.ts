import type { FieldError } from '../../platform/http/errors.ts';
import type { Answers, AnswerValue, FormDefinition, Question } from './intake.schema.ts';

/** Whether a question is shown, given the answers so far (its condition on an earlier answer). */
export function isShown(q: Question, answers: Answers): boolean {
  if (!q.showWhen) return true;
  return answers[q.showWhen.questionId] === q.showWhen.equals;
}

/**
 * Checks answers against the form definition on the server: unknown or hidden questions, types,
 * option lists, length caps, ranges, and — unless `partial` (a draft) — required questions.
 * Errors name the question id, never the value.
 */
export function validateAnswers(
  form: FormDefinition,
  answers: Answers,
  opts: { partial: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (id: string, detail: string) =>
    errors.push({ pointer: `/body/answers/${id}`, detail });
  const byId = new Map(form.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) at(id, 'is not a question of this form');
  }
  for (const q of form.questions) {
    const value = answers[q.id];
    if (!isShown(q, answers)) {
      if (value !== undefined) at(q.id, 'is not asked given the earlier answers');
      continue;
    }
    if (value === undefined || value === '') {
      if (!opts.partial && q.required) at(q.id, 'is required');
      continue;
    }
    const problem = checkType(q, value);
    if (problem) at(q.id, problem);
  }
  return errors;
}

function checkType(q: Question, v: AnswerValue): string | null {
  switch (q.type) {
    case 'yes_no':
      return typeof v === 'boolean' ? null : 'must be yes or no';
    case 'date':
      return typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        ? null
        : 'must be a date as YYYY-MM-DD';
    case 'short_text':
      if (typeof v !== 'string') return 'must be text';
      return v.trim().length <= q.maxLength ? null : `must be at most ${q.maxLength} characters`;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      if (q.integer && !Number.isInteger(v)) return 'must be a whole number';
      return v >= q.min && v <= q.max ? null : `must be between ${q.min} and ${q.max}`;
    case 'choice': {
      const allowed = new Set(q.options.map((o) => o.value));
      if (q.multiple) {
        return Array.isArray(v) && v.every((x) => allowed.has(x)) && new Set(v).size === v.length
          ? null
          : 'must be a list of the offered options';
      }
      return typeof v === 'string' && allowed.has(v) ? null : 'must be one of the offered options';
    }
  }
}

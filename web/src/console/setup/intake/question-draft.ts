import type { FormDefinition, Question } from '../../../api/types.ts';

/**
 * A question as the builder edits it: every type's settings kept side by side (switching the
 * answer type loses nothing), options as lines of text. `toQuestion` makes the API's shape.
 */
export interface QuestionDraft {
  id: string;
  label: string;
  whyWeAsk: string;
  type: Question['type'];
  required: boolean;
  sensitive: boolean;
  multiple: boolean;
  options: string;
  maxLength: number;
  min: number;
  max: number;
  integer: boolean;
  /** The earlier question's id it depends on, '' for always. */
  showWhenId: string;
  showWhenEquals: string;
}

export const questionTypes = ['choice', 'yes_no', 'date', 'short_text', 'number'] as const;

export const blankQuestion = (n: number): QuestionDraft => ({
  id: `question_${n}`,
  label: '',
  whyWeAsk: '',
  type: 'choice',
  required: true,
  sensitive: false,
  multiple: false,
  options: '',
  maxLength: 100,
  min: 0,
  max: 100,
  integer: true,
  showWhenId: '',
  showWhenEquals: '',
});

/** An option's value from its label: lowercase, digits and _, at most 40. */
export const optionValue = (label: string, i: number) =>
  label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40) || `option_${i + 1}`;

export function toDraft(q: Question): QuestionDraft {
  return {
    ...blankQuestion(0),
    id: q.id,
    label: q.label,
    whyWeAsk: q.whyWeAsk,
    type: q.type,
    required: q.required,
    sensitive: q.sensitive ?? false,
    ...(q.type === 'choice'
      ? { multiple: q.multiple, options: q.options.map((o) => o.label).join('\n') }
      : {}),
    ...(q.type === 'short_text' ? { maxLength: q.maxLength } : {}),
    ...(q.type === 'number' ? { min: q.min, max: q.max, integer: q.integer } : {}),
    showWhenId: q.showWhen?.questionId ?? '',
    showWhenEquals: q.showWhen === undefined ? '' : String(q.showWhen.equals),
  };
}

function condition(d: QuestionDraft, earlier: QuestionDraft[]): Question['showWhen'] {
  const on = earlier.find((e) => e.id === d.showWhenId);
  if (!on) return undefined;
  if (on.type === 'yes_no') return { questionId: on.id, equals: d.showWhenEquals === 'true' };
  if (on.type === 'number') return { questionId: on.id, equals: Number(d.showWhenEquals) };
  return { questionId: on.id, equals: d.showWhenEquals };
}

export function toQuestion(d: QuestionDraft, earlier: QuestionDraft[]): Question {
  const base = {
    id: d.id,
    label: d.label,
    whyWeAsk: d.whyWeAsk,
    required: d.required,
    ...(d.sensitive ? { sensitive: true } : {}),
    ...(d.showWhenId ? { showWhen: condition(d, earlier) } : {}),
  };
  switch (d.type) {
    case 'choice':
      return {
        ...base,
        type: 'choice',
        multiple: d.multiple,
        options: d.options
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((label, i) => ({ value: optionValue(label, i), label })),
      };
    case 'short_text':
      return { ...base, type: 'short_text', maxLength: d.maxLength };
    case 'number':
      return { ...base, type: 'number', min: d.min, max: d.max, integer: d.integer };
    default:
      return { ...base, type: d.type };
  }
}

export const toDefinition = (title: string, drafts: QuestionDraft[]): FormDefinition => ({
  title,
  questions: drafts.map((d, i) => toQuestion(d, drafts.slice(0, i))),
});

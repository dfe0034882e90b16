/**
 * Templates are text with `{{variable}}` placeholders taken from one allow-list: what a message
 * may say about an appointment without saying anything about the patient (no name, no birth
 * date, no contact, no appointment type, no intake, no diagnosis). The linter refuses anything
 * else, with where it is, when a clinic saves a template and in a test over every shipped one.
 */

export const templateVariables = [
  'clinicName',
  'locationName',
  'locationAddress',
  'date',
  'day',
  'time',
  'modality',
  'reason',
  'confirmLink',
  'cancelLink',
  'rescheduleLink',
  'portalLink',
  'offerLink',
] as const;

export type TemplateVariable = (typeof templateVariables)[number];

const allowed: ReadonlySet<string> = new Set(templateVariables);

export interface LintProblem {
  /** Offset of the problem in the text (0-based), and its line and column (1-based). */
  offset: number;
  line: number;
  column: number;
  detail: string;
}

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every problem in a template's text: unknown variables and stray braces. */
export function lintTemplate(text: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const at = (offset: number, detail: string) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    problems.push({ offset, line, column, detail });
  };
  let rest = '';
  let last = 0;
  for (const m of text.matchAll(placeholder)) {
    rest += text.slice(last, m.index) + ' '.repeat(m[0].length);
    last = m.index + m[0].length;
    const name = m[1]!;
    if (!allowed.has(name)) {
      // The name itself is never echoed whole: a clinic could paste a value there.
      at(
        m.index,
        `unknown variable "${name.slice(0, 40)}": allowed are ${templateVariables.join(', ')}`,
      );
    }
  }
  rest += text.slice(last);
  for (let i = rest.indexOf('{{'); i >= 0; i = rest.indexOf('{{', i + 2)) {
    at(i, 'an opening "{{" without its closing "}}"');
  }
  for (let i = rest.indexOf('}}'); i >= 0; i = rest.indexOf('}}', i + 2)) {
    at(i, 'a closing "}}" without its opening "{{"');
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

const filled = new RegExp(`${placeholder.source}(\\.?)`, 'g');

/**
 * Fills the placeholders; the text was linted, so every name is an allowed variable. A value that
 * ends a sentence itself ("10:00 a.m.") takes the template's own full stop after it.
 */
export function fill(text: string, values: Partial<Record<TemplateVariable, string>>): string {
  return text.replace(filled, (_, name: string, stop: string) => {
    const value = values[name as TemplateVariable] ?? '';
    return stop && value.endsWith('.') ? value : value + stop;
  });
}

import { z } from 'zod';

/**
 * A form is data: questions of a few types, each with a "why we ask" shown to the patient, a
 * required flag, and optionally a condition on an earlier answer. Choices are preferred to free
 * text; free text is short and capped.
 */
const questionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a short snake_case id');
const label = z.string().trim().min(1).max(300);

const base = {
  id: questionId,
  label,
  whyWeAsk: z.string().trim().min(1).max(300),
  required: z.boolean(),
  /** Shown only when the earlier question `questionId` was answered with `equals`. */
  showWhen: z
    .strictObject({ questionId, equals: z.union([z.string(), z.boolean(), z.number()]) })
    .optional(),
  /** A sensitive identifier: entered masked, shown to staff masked. */
  sensitive: z.boolean().optional(),
};

export const maxShortText = 200;

export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('choice'),
    multiple: z.boolean().default(false),
    options: z
      .array(z.strictObject({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), label }))
      .min(2)
      .max(30),
  }),
  z.strictObject({ ...base, type: z.literal('yes_no') }),
  z.strictObject({ ...base, type: z.literal('date') }),
  z.strictObject({
    ...base,
    type: z.literal('short_text'),
    maxLength: z.number().int().min(1).max(maxShortText).default(100),
  }),
  z.strictObject({
    ...base,
    type: z.literal('number'),
    min: z.number().finite(),
    max: z.number().finite(),
    integer: z.boolean().default(true),
  }),
]);
export type Question = z.infer<typeof questionSchema>;

export const formDefinitionSchema = z
  .strictObject({
    title: label,
    questions: z.array(questionSchema).min(1).max(50),
  })
  .superRefine((form, ctx) => {
    const seen = new Map<string, Question>();
    form.questions.forEach((q, i) => {
      if (seen.has(q.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'is used twice' });
      }
      if (q.showWhen && !seen.has(q.showWhen.questionId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'showWhen', 'questionId'],
          message: 'must name an earlier question',
        });
      }
      if (q.type === 'number' && q.min > q.max) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'min'], message: 'is above max' });
      }
      seen.set(q.id, q);
    });
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

export type AnswerValue = string | number | boolean | string[];
/** Answers by question id. Checked against the form by validateAnswers, not by shape alone. */
export const answersSchema = z
  .record(
    questionId,
    z.union([
      z.string().max(maxShortText),
      z.number(),
      z.boolean(),
      z.array(z.string().max(40)).max(30),
    ]),
  )
  .refine((a) => Object.keys(a).length <= 50, 'too many answers');
export type Answers = Record<string, AnswerValue>;

export const appointmentTypeKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);

export const formViewSchema = z.strictObject({
  id: z.uuid(),
  appointmentType: z.string(),
  version: z.number().int(),
  definition: formDefinitionSchema,
});
export type FormView = z.infer<typeof formViewSchema>;

export const submissionViewSchema = z.strictObject({
  id: z.uuid(),
  formId: z.uuid(),
  version: z.number().int(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  answers: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
  ),
});
export type SubmissionView = z.infer<typeof submissionViewSchema>;

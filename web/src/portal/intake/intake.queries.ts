import { queryOptions } from '@tanstack/react-query';
import { fetchIntakeDraft, fetchIntakeForm } from '../../api/intake.ts';
import { keys } from '../../api/queries.ts';

/**
 * The form for a visit type and the patient's saved draft, read together when the page opens.
 * Read once (the form's state starts from it) and dropped from memory when the page closes.
 */
export const intakeQuery = (organizationId: string, patientId: string, appointmentType: string) =>
  queryOptions({
    queryKey: keys.intake(appointmentType),
    queryFn: async ({ signal }) => {
      const form = await fetchIntakeForm(organizationId, appointmentType, signal);
      const { draft } = await fetchIntakeDraft(patientId, form.id, signal);
      return { form, draft: draft?.answers ?? null };
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

import type { AlertRow } from './audit.alerts.store.ts';

/** The name of each alert rule, as an email subject shows it. */
export const ruleTitles: Record<string, string> = {
  bulk_patient_reads: 'Many patient records read by one user',
  new_device_bulk_reads: 'Sign-in from a new device or country, then many records read',
  repeated_denials: 'Repeated denied access',
  export_outside_hours: 'Export outside business hours',
  break_glass: 'Break-glass access',
  verification_failure: 'Audit trail verification failed',
};

function measure(alert: AlertRow): string {
  const n = alert.count ?? alert.event_ids.length;
  const within = alert.window_minutes === null ? '' : ` within ${alert.window_minutes} minutes`;
  switch (alert.kind) {
    case 'bulk_patient_reads':
    case 'new_device_bulk_reads':
      return `${n} distinct patient records read${within}.`;
    case 'repeated_denials':
      return `${n} denied requests${within}.`;
    case 'verification_failure':
      return `${n} verification problem(s).`;
    default:
      return `${n} event(s).`;
  }
}

/**
 * The email about one alert: the rule's name, how many over which window, when, and a link to
 * the alert by its id. Never the summary (it names the user by id), a name or a patient: the
 * compliance officer signs in to see who and what.
 */
export function alertEmail(alert: AlertRow, publicUrl: string): { subject: string; text: string } {
  const title = ruleTitles[alert.kind] ?? 'Audit alert';
  return {
    subject: `Hourglass audit alert: ${title}`,
    text: [
      `An audit alert was raised in your organization: ${title}.`,
      measure(alert),
      `Raised at ${alert.raised_at.toISOString()} (UTC).`,
      `Review it (sign-in required): ${publicUrl}/audit/alerts/${alert.id}`,
      'This message names no person and no patient.',
      '- Hourglass',
    ].join('\n\n'),
  };
}

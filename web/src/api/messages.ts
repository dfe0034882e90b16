import type { z } from 'zod';
import type { attentionEntrySchema } from '../../../server/src/modules/notifications/notifications.attention.ts';
import type {
  inboxMessageSchema,
  messageLogEntrySchema,
} from '../../../server/src/modules/notifications/notifications.schema.ts';
import { get, getIfChanged, post, put, seg } from './client.ts';

/** A message of the signed-in patient's inbox. */
export type InboxMessage = z.infer<typeof inboxMessageSchema>;
export type ActionPurpose = 'confirm' | 'cancel' | 'reschedule';

export const markMessageRead = (id: string) => post(`/api/me/messages/${seg(id)}/read`);

/** The inbox, or null when the ETag it had is still current (304: nothing new, nothing read). */
export async function fetchInboxIfChanged(
  etag: string | null,
  opts: { signal: AbortSignal; background: boolean },
): Promise<{ answer: { messages: InboxMessage[] }; etag: string | null } | null> {
  const next = await getIfChanged<{ messages: InboxMessage[] }>('/api/me/messages', etag, opts);
  return next && { answer: next.body, etag: next.etag };
}

/** How many messages the patient has not read (not an audited read: no message is shown). */
export const fetchUnreadCount = (opts: { signal?: AbortSignal; background?: boolean }) =>
  get<{ unread: number }>('/api/me/messages/unread', opts);

/** What an action link does, with the message it came in (public: the link is the key). */
export const previewAction = (token: string) =>
  post<{ purpose: ActionPurpose; subject: string | null; body: string | null; expiresAt: string }>(
    '/api/notification-actions/preview',
    { token },
  );

/** Does what the link says, as the signed-in patient. */
export const takeActionLink = (token: string) =>
  post<{ purpose: ActionPurpose; appointmentId: string }>('/api/notification-actions/use', {
    token,
  });

/** The order outward channels are tried in, and the rest of the plan (managers and admins). */
export type PlanChannel = 'email' | 'sms' | 'push';
export interface NotificationPlan {
  appointmentTypeId: string | null;
  source: 'type' | 'organization' | 'default';
  confirmations: boolean;
  reminderLeadHours: number;
  nudgeLeadMinutes: number | null;
  channelOrder: PlanChannel[];
}

export const fetchNotificationPlan = (appointmentTypeId: string | null, signal?: AbortSignal) =>
  get<NotificationPlan>(
    `/api/notifications/plan${
      appointmentTypeId ? `?appointmentTypeId=${encodeURIComponent(appointmentTypeId)}` : ''
    }`,
    { signal },
  );

export const saveNotificationPlan = ({ source: _source, ...plan }: NotificationPlan) =>
  put('/api/notifications/plan', plan);

/** A row of an appointment's message log (scheduling staff). */
export type MessageLogEntry = z.infer<typeof messageLogEntrySchema>;
export type MessageOverrideAction = 'send_now' | 'skip' | 'resend';
export const messageOverrideReasons = [
  'patient_request',
  'wrong_contact',
  'clinic_decision',
  'delivery_failed',
  'other',
] as const;
export type MessageOverrideReason = (typeof messageOverrideReasons)[number];

export const fetchMessageLog = (appointmentId: string, signal?: AbortSignal) =>
  get<{ messages: MessageLogEntry[] }>(`/api/appointments/${seg(appointmentId)}/messages`, {
    signal,
  });

/** Staff's send now, skip or resend of one message, with the reason (audited). */
export const overrideMessage = (
  messageId: string,
  action: MessageOverrideAction,
  reason: MessageOverrideReason,
) =>
  post<{ messageId: string; outcome: string }>(
    `/api/notification-messages/${seg(messageId)}/overrides`,
    { action, reason },
  );

/** An action link's code instead of signing in: mailed, or texted to a patient reached by SMS. */
export const sendActionCode = (token: string) =>
  post<{ next: 'check-email' | 'check-phone' }>('/api/notification-actions/code', { token });

/** The code: a session reaching the link's one appointment (cookie). */
export const verifyActionCode = (input: { token: string; code: string }) =>
  post<{ appointmentId: string }>('/api/notification-actions/verify', input);

/** A message that reached no patient, about a visit in the next two weeks (scheduling staff). */
export type AttentionEntry = z.infer<typeof attentionEntrySchema>;

export const fetchAttention = (signal?: AbortSignal) =>
  get<{ messages: AttentionEntry[] }>('/api/notification-messages/attention', { signal });

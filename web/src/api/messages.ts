import type { z } from 'zod';
import type { inboxMessageSchema } from '../../../server/src/modules/notifications/notifications.schema.ts';
import { get, post, put, seg } from './client.ts';

/** A message of the signed-in patient's inbox. */
export type InboxMessage = z.infer<typeof inboxMessageSchema>;
export type ActionPurpose = 'confirm' | 'cancel' | 'reschedule';

export const fetchInbox = (signal?: AbortSignal) =>
  get<{ messages: InboxMessage[] }>('/api/me/messages', { signal });

export const markMessageRead = (id: string) => post(`/api/me/messages/${seg(id)}/read`);

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

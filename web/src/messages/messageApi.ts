import { api } from '../api/client';

/** One message as `/api/v1/messages` answers it. */
export interface Message {
  id: string;
  kind: string;
  senderId: string;
  senderName: string;
  recipientId: string;
  recipientName: string;
  recipientOrg: string;
  subject: string;
  body: string;
  link: string;
  readAt: string | null;
  createdAt: string;
}

export interface Recipient {
  id: string;
  displayName: string;
  org: string;
}

export const UNREAD_CHANGED = 'mams:unread-changed';

/** Tells the header's bell to count again (after a read mark). */
export function unreadChanged(): void {
  window.dispatchEvent(new Event(UNREAD_CHANGED));
}

/** The unread count, asked in the background: the poll does not keep an idle session alive. */
export async function unreadCount(): Promise<number> {
  return (await api<{ count: number }>('GET', '/api/v1/messages/unread-count', { headers: { 'X-MAMS-Background': '1' } })).count;
}

/** A path of this console ("/approvals/…"); never "//host", which a browser opens as another site. */
export function isConsolePath(link: string): boolean {
  return /^\/(?![/\\])/.test(link);
}

export async function markRead(id: string): Promise<Message> {
  const message = await api<Message>('POST', `/api/v1/messages/${encodeURIComponent(id)}/read`);
  unreadChanged();
  return message;
}

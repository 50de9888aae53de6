// Rows of the relay store turned into what each party may see. One place decides which body a
// viewer gets (the sender's side the original, the recipient's side the redacted copy), how HTML is
// sanitized and where attachments are downloaded, so the console, the end-user area and the admin
// views cannot disagree.
import type { Config } from '../../platform/config.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { relayAddress } from '../relay/relay.addresses.js';
import { allowRelayAddresses, redactContacts, redactFilename } from '../relay/relay.redact.js';
import { toNiche } from '../requests/requests.views.js';
import {
  AdminMessage,
  AdminThread,
  EndUserThread,
  ProviderThread,
  RelayAttachment,
  type RelayDeliveryStatusEnum,
  type RelayDirectionEnum,
  RelayEvent,
  type RelayThreadStatusEnum,
  ThreadMessage,
} from './conversations.types.js';
import { sanitizeHtml } from './html.sanitize.js';

/** Which party looks at a thread: the provider workspace's members or the end user. */
export type Side = 'provider' | 'user';

export const THREAD_SELECT = {
  id: true,
  assignmentId: true,
  requestId: true,
  workspaceId: true,
  userId: true,
  nicheId: true,
  userToken: true,
  providerToken: true,
  status: true,
  closedBy: true,
  closedAt: true,
  suspendedReason: true,
  providerFirstMessageAt: true,
  lastMessageAt: true,
  messageCount: true,
  unreadForProvider: true,
  unreadForUser: true,
  createdAt: true,
} as const;

export interface ThreadRow {
  id: string;
  assignmentId: string;
  requestId: string;
  workspaceId: string;
  userId: string | null;
  nicheId: string;
  userToken: string;
  providerToken: string;
  status: 'OPEN' | 'CLOSED' | 'SUSPENDED';
  closedBy: string | null;
  closedAt: Date | null;
  suspendedReason: string | null;
  providerFirstMessageAt: Date | null;
  lastMessageAt: Date | null;
  messageCount: number;
  unreadForProvider: number;
  unreadForUser: number;
  createdAt: Date;
}

const ATTACHMENT_SELECT = { id: true, filename: true, contentType: true, sizeBytes: true, contentId: true } as const;

const DELIVERY_SELECT = {
  status: true,
  sentAt: true,
  deliveredAt: true,
  readAt: true,
  bounceAction: true,
  bounceStatus: true,
  bounceClass: true,
  bounceReason: true,
  lastError: true,
  heldReason: true,
} as const;

/** A message as the parties see it: both bodies (the view picks one), never the raw MIME. */
export const MESSAGE_SELECT = {
  id: true,
  threadId: true,
  direction: true,
  subject: true,
  textBody: true,
  htmlBody: true,
  redactedText: true,
  redactedHtml: true,
  redactions: true,
  createdAt: true,
  attachments: { select: ATTACHMENT_SELECT, orderBy: { createdAt: 'asc' as const } },
  delivery: { select: DELIVERY_SELECT },
} as const;

/** A message as admins list it: diagnostics, no bodies (reading one is a separate, audited call). */
export const ADMIN_MESSAGE_SELECT = {
  id: true,
  threadId: true,
  direction: true,
  source: true,
  subject: true,
  sizeBytes: true,
  redactions: true,
  automated: true,
  createdAt: true,
  attachments: { select: ATTACHMENT_SELECT, orderBy: { createdAt: 'asc' as const } },
  delivery: { select: DELIVERY_SELECT },
} as const;

interface AttachmentRow {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  contentId: string | null;
}

interface DeliveryRow {
  status: string;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  bounceAction: string | null;
  bounceStatus: string | null;
  bounceClass: string | null;
  bounceReason: string | null;
  lastError: string | null;
  heldReason: string | null;
}

export interface MessageRow {
  id: string;
  threadId: string;
  direction: 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
  redactedText: string | null;
  redactedHtml: string | null;
  redactions: number;
  createdAt: Date;
  attachments: AttachmentRow[];
  delivery: DeliveryRow | null;
}

export interface AdminMessageRow {
  id: string;
  threadId: string;
  direction: 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
  source: string;
  subject: string;
  sizeBytes: number;
  redactions: number;
  automated: boolean;
  createdAt: Date;
  attachments: AttachmentRow[];
  delivery: DeliveryRow | null;
}

/** Where an attachment is downloaded (the relay module's route; parties and admins only). */
export function attachmentDownloadUrl(config: Config, attachmentId: string): string {
  return `${config.publicUrl}/relay/attachments/${toGlobalId('RelayAttachment', attachmentId)}`;
}

function attachmentsOf(config: Config, rows: AttachmentRow[], redact = false): RelayAttachment[] {
  return rows.map((a) =>
    Object.assign(new RelayAttachment(), {
      id: toGlobalId('RelayAttachment', a.id),
      filename: redact ? redactedFilename(config, a.filename) : a.filename,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      downloadUrl: attachmentDownloadUrl(config, a.id),
    }),
  );
}

const stripAngles = (contentId: string) => contentId.trim().replace(/^<|>$/g, '');

/** Display HTML: inline `cid:` images point at their attachment download, our own URLs stay, nothing else loads. */
export function displayHtml(config: Config, html: string | null, attachments: AttachmentRow[]): string | null {
  if (html === null) return null;
  const byContentId = new Map(attachments.filter((a) => a.contentId).map((a) => [stripAngles(a.contentId!), a.id]));
  const ownOrigin = new URL(config.publicUrl).origin;
  return sanitizeHtml(html, {
    imageSource: (src) => {
      if (/^cid:/i.test(src)) {
        let id = src.slice(4);
        try {
          id = decodeURIComponent(id);
        } catch {
          // keep it as written
        }
        const attachmentId = byContentId.get(id);
        return attachmentId ? attachmentDownloadUrl(config, attachmentId) : null;
      }
      try {
        return new URL(src).origin === ownOrigin ? src : null;
      } catch {
        return null;
      }
    },
  });
}

const writerSide = (direction: MessageRow['direction']): Side => (direction === 'PROVIDER_TO_USER' ? 'provider' : 'user');

/** A line the writer typed (subject, file name) as the recipient sees it: contacts removed, relay addresses kept. */
function redactedFor(config: Config, text: string): string {
  return redactContacts(text, { allowEmail: allowRelayAddresses(config.RELAY_DOMAIN) }).text;
}

/** A file name as the recipient sees it (relay.redact.ts redactFilename keeps the extension). */
function redactedFilename(config: Config, filename: string): string {
  return redactFilename(filename, { allowEmail: allowRelayAddresses(config.RELAY_DOMAIN) }).text;
}

/**
 * One message for one side. The writer's side sees what it wrote; the other side only ever the
 * redacted copy (never the original as a fallback: that is the copy with the contact details in it),
 * its subject and attachment names included.
 */
export function threadMessageFor(config: Config, side: Side, row: MessageRow): ThreadMessage {
  const mine = writerSide(row.direction) === side;
  const text = mine ? row.textBody : row.redactedText;
  const html = mine ? row.htmlBody : row.redactedHtml;
  return Object.assign(new ThreadMessage(), {
    id: toGlobalId('RelayMessage', row.id),
    direction: row.direction as RelayDirectionEnum,
    mine,
    subject: mine ? row.subject : redactedFor(config, row.subject),
    text,
    html: displayHtml(config, html, row.attachments),
    redactions: row.redactions,
    attachments: attachmentsOf(config, row.attachments, !mine),
    status: (row.delivery?.status ?? 'QUEUED') as RelayDeliveryStatusEnum,
    deliveredAt: row.delivery?.deliveredAt ?? null,
    readAt: row.delivery?.readAt ?? null,
    createdAt: row.createdAt,
  });
}

export function providerThreadOf(config: Config, row: ThreadRow): ProviderThread {
  const domain = config.RELAY_DOMAIN;
  return Object.assign(new ProviderThread(), {
    id: toGlobalId('RelayThread', row.id),
    rawId: row.id,
    status: row.status as RelayThreadStatusEnum,
    closedBy: row.closedBy,
    closedAt: row.closedAt,
    relayAddress: relayAddress('p', row.providerToken, domain),
    endUserRelayAddress: relayAddress('u', row.userToken, domain),
    unread: row.unreadForProvider,
    lastMessageAt: row.lastMessageAt,
  });
}

export function endUserThreadOf(config: Config, row: ThreadRow): EndUserThread {
  return Object.assign(new EndUserThread(), {
    id: toGlobalId('RelayThread', row.id),
    rawId: row.id,
    status: row.status as RelayThreadStatusEnum,
    closedBy: row.closedBy,
    closedAt: row.closedAt,
    providerRelayAddress: relayAddress('p', row.providerToken, config.RELAY_DOMAIN),
    // The provider-first rule: the end user may write once the provider has, while the thread is open.
    canReply: row.providerFirstMessageAt !== null && row.status === 'OPEN',
    unread: row.unreadForUser,
  });
}

export function adminMessageOf(config: Config, row: AdminMessageRow): AdminMessage {
  const d = row.delivery;
  return Object.assign(new AdminMessage(), {
    id: toGlobalId('RelayMessage', row.id),
    direction: row.direction as RelayDirectionEnum,
    source: row.source,
    subject: row.subject,
    sizeBytes: row.sizeBytes,
    redactions: row.redactions,
    automated: row.automated,
    attachments: attachmentsOf(config, row.attachments),
    status: (d?.status ?? 'QUEUED') as RelayDeliveryStatusEnum,
    sentAt: d?.sentAt ?? null,
    deliveredAt: d?.deliveredAt ?? null,
    readAt: d?.readAt ?? null,
    bounceAction: d?.bounceAction ?? null,
    bounceStatus: d?.bounceStatus ?? null,
    bounceClass: d?.bounceClass ?? null,
    bounceReason: d?.bounceReason ?? null,
    lastError: d?.lastError ?? null,
    heldReason: d?.heldReason ?? null,
    createdAt: row.createdAt,
  });
}

/** An admin thread row as the oversight queries read it (raw SQL, snake_case). */
export interface AdminThreadRow {
  id: string;
  status: 'OPEN' | 'CLOSED' | 'SUSPENDED';
  suspended_reason: string | null;
  closed_by: string | null;
  workspace_id: string;
  provider_name: string;
  user_id: string | null;
  end_user_name: string;
  request_id: string;
  niche_id: string;
  niche_slug: string;
  niche_name: string;
  niche_description: string;
  niche_default_price: string;
  niche_active: boolean;
  message_count: number;
  last_message_at: Date | null;
  created_at: Date;
}

export const ADMIN_THREAD_COLUMNS = `
  t.id, t.status, t.suspended_reason, t.closed_by, t.workspace_id, w.name AS provider_name, t.user_id,
  r.name AS end_user_name, t.request_id, n.id AS niche_id, n.slug AS niche_slug, n.name AS niche_name,
  n.description AS niche_description, n.default_price::text AS niche_default_price, n.active AS niche_active,
  t.message_count, t.last_message_at, t.created_at`;

export const ADMIN_THREAD_FROM = `
  relay_threads t
  JOIN workspaces w ON w.id = t.workspace_id
  JOIN service_requests r ON r.id = t.request_id
  JOIN niches n ON n.id = t.niche_id`;

export function adminThreadOf(row: AdminThreadRow): AdminThread {
  return Object.assign(new AdminThread(), {
    id: toGlobalId('RelayThread', row.id),
    rawId: row.id,
    status: row.status as RelayThreadStatusEnum,
    suspendedReason: row.suspended_reason,
    closedBy: row.closed_by,
    providerName: row.provider_name,
    providerWorkspaceId: toGlobalId('Workspace', row.workspace_id),
    endUserName: row.end_user_name,
    endUserId: row.user_id ? toGlobalId('User', row.user_id) : null,
    niche: toNiche({
      id: row.niche_id,
      slug: row.niche_slug,
      name: row.niche_name,
      description: row.niche_description,
      defaultPrice: row.niche_default_price,
      active: row.niche_active,
    }),
    requestId: toGlobalId('ServiceRequest', row.request_id),
    messageCount: row.message_count,
    lastMessageAt: row.last_message_at,
    createdAt: row.created_at,
  });
}

export function relayEventOf(row: {
  id: string;
  at: Date;
  kind: string;
  reason: string;
  thread_id: string | null;
  message_id: string | null;
}) {
  return Object.assign(new RelayEvent(), {
    id: row.id,
    at: row.at,
    kind: row.kind,
    reason: row.reason,
    threadId: row.thread_id ? toGlobalId('RelayThread', row.thread_id) : null,
    messageId: row.message_id ? toGlobalId('RelayMessage', row.message_id) : null,
  });
}

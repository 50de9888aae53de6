// Outbound webhooks (minimal here; the growth issue adds their UI and more events). A workspace
// registers endpoints for event types; an event becomes one delivery row per subscribed endpoint,
// written in the transaction that caused it, and a job POSTs it, signed, retrying with back-off
// until a 2xx answer. A delivery that succeeded is never sent again; the receiver dedupes retries by
// the `Hotlead-Delivery` header (the same id on every attempt).
import { createHmac, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type pg from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import type { Sql } from '../../platform/db/sql.js';
import { forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { workspacePolicy } from '../identity/tenancy.policy.js';
import type { WorkspaceService } from '../identity/workspace.service.js';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
/** Attempts before a delivery is given up (about a day with the job queue's exponential back-off). */
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const WEBHOOK_EVENTS = [
  'lead.suppressed',
  // Provider workspaces (issue 6): routed requests and conversation metadata, never message bodies.
  'assignment.created',
  'assignment.updated',
  'message.created',
  'message.status_changed',
  'thread.status_changed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
const TIMEOUT_MS = 10_000;
const MAX_ENDPOINTS = 10;

export interface WebhookEndpointRow {
  id: string;
  workspaceId: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, Stripe's scheme, so receivers know it. */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhooksService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  private async manager(principal: Principal, workspaceId: string): Promise<void> {
    // A workspace's API key manages its endpoints (integrations register themselves).
    if (principal.kind === 'apiKey') {
      if (principal.workspaceId !== workspaceId) throw notFound('Workspace');
      return;
    }
    const { role } = await this.workspaces.viewable(principal, workspaceId);
    if (!workspacePolicy.canManageApiKeys(role)) throw forbidden('Only workspace owners and admins manage webhooks.');
  }

  /** Registers an endpoint; the signing secret is returned this once. */
  async create(
    principal: Principal,
    input: { workspaceId: string; url: string; events: string[] },
  ): Promise<{ endpoint: WebhookEndpointRow; secret: string } | { error: string; field: string }> {
    await this.manager(principal, input.workspaceId);
    const url = await this.checkUrl(input.url);
    if (!url) {
      return {
        error: 'Use an https:// URL on the public internet (http:// only to localhost while developing).',
        field: 'url',
      };
    }
    const events = [...new Set(input.events)];
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (events.length === 0 || unknown.length > 0) {
      return { error: `Choose events from: ${WEBHOOK_EVENTS.join(', ')}.`, field: 'events' };
    }
    const count = await this.platform.prisma.webhookEndpoint.count({ where: { workspaceId: input.workspaceId } });
    if (count >= MAX_ENDPOINTS) return { error: `A workspace has at most ${MAX_ENDPOINTS} webhook endpoints.`, field: 'url' };
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const endpoint = await this.platform.prisma.webhookEndpoint.create({
      data: { workspaceId: input.workspaceId, url, events, secret },
      select: { id: true, workspaceId: true, url: true, events: true, active: true, createdAt: true },
    });
    await recordAudit(this.platform.prisma, principal, {
      action: 'webhook_endpoint.create',
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      workspaceId: input.workspaceId,
      details: { url, events },
    });
    return { endpoint, secret };
  }

  /**
   * An endpoint must be https:// (http:// only to localhost while developing) and must not resolve to
   * a private, loopback, link-local or otherwise internal address: the platform would otherwise POST
   * into its own network on a customer's behalf (SSRF). Checked again at every delivery (DNS can change).
   */
  private async checkUrl(raw: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return null;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const developing = this.platform.config.NODE_ENV !== 'production';
    const localHost = ['localhost', '127.0.0.1', '::1'].includes(host);
    if (url.protocol === 'http:' && !(localHost && developing)) return null;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    if (localHost) return developing ? url.toString() : null;
    const addresses = await lookup(host, { all: true }).catch(() => []);
    if (addresses.length === 0 || addresses.some((a) => isInternalAddress(a.address))) return null;
    return url.toString();
  }

  async list(principal: Principal, workspaceId: string): Promise<WebhookEndpointRow[]> {
    await this.manager(principal, workspaceId);
    return this.platform.prisma.webhookEndpoint.findMany({
      where: { workspaceId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, workspaceId: true, url: true, events: true, active: true, createdAt: true },
    });
  }

  async remove(principal: Principal, endpointId: string): Promise<void> {
    const endpoint = await this.platform.prisma.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { workspaceId: true } });
    if (!endpoint) throw notFound('WebhookEndpoint');
    await this.manager(principal, endpoint.workspaceId).catch(() => {
      throw notFound('WebhookEndpoint');
    });
    await this.platform.prisma.webhookEndpoint.delete({ where: { id: endpointId } });
    await recordAudit(this.platform.prisma, principal, {
      action: 'webhook_endpoint.delete',
      targetType: 'WebhookEndpoint',
      targetId: endpointId,
      workspaceId: endpoint.workspaceId,
    });
  }

  /**
   * Records one event for the workspaces' active endpoints that subscribe to it, inside the caller's
   * transaction; returns the delivery ids to send after the commit (see sendAll).
   */
  async enqueue(tx: Sql, input: { workspaceIds: string[]; event: WebhookEvent; eventId: string; data: object }): Promise<string[]> {
    if (input.workspaceIds.length === 0) return [];
    const payload = { id: input.eventId, type: input.event, created: new Date().toISOString(), data: input.data };
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (endpoint_id, event, event_id, payload)
       SELECT e.id, $2, $3, $4::jsonb FROM webhook_endpoints e
        WHERE e.workspace_id = ANY($1::uuid[]) AND e.active AND $2 = ANY(e.events)
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id`,
      [input.workspaceIds, input.event, input.eventId, JSON.stringify(payload)],
    );
    return rows.map((r) => r.id);
  }

  async sendAll(deliveryIds: string[]): Promise<void> {
    for (const id of deliveryIds) await this.platform.jobs.send(WEBHOOK_DELIVER_JOB, { deliveryId: id }, { singletonKey: id });
  }

  /**
   * The job: one attempt. A 2xx marks it delivered; anything else records why and throws, so the
   * queue retries it later — until the last attempt, which marks it failed.
   */
  /** One signed POST: the status it got, and why it failed (null when it answered 2xx). */
  private async post(
    url: string,
    body: string,
    meta: { event: string; deliveryId: string; secret: string },
  ): Promise<{ status: number | null; error: string | null }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Hotlead-Webhooks/1',
          'hotlead-event': meta.event,
          'hotlead-delivery': meta.deliveryId,
          'hotlead-signature': signWebhook(meta.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => {});
      const ok = response.status >= 200 && response.status < 300;
      return { status: response.status, error: ok ? null : `The endpoint answered ${response.status}.` };
    } catch (e) {
      return {
        status: null,
        error: (e as Error).name === 'TimeoutError' ? 'No answer within 10 seconds.' : 'The endpoint could not be reached.',
      };
    }
  }

  async deliver(deliveryId: string, attempt: number): Promise<'delivered' | 'failed' | 'skipped'> {
    const { rows } = await this.pool.query<{ status: string; payload: object; url: string; secret: string; event: string }>(
      `SELECT d.status, d.payload, d.event, e.url, e.secret FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    const delivery = rows[0];
    if (!delivery || delivery.status !== 'PENDING') return 'skipped';
    const body = JSON.stringify(delivery.payload);
    const { status, error } = (await this.checkUrl(delivery.url))
      ? await this.post(delivery.url, body, { event: delivery.event, deliveryId, secret: delivery.secret })
      : { status: null, error: 'The endpoint now resolves to an address webhooks may not be sent to.' };
    const last = attempt + 1 >= WEBHOOK_MAX_ATTEMPTS;
    await this.pool.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
              status = $4::"WebhookDeliveryStatus", delivered_at = CASE WHEN $4 = 'DELIVERED' THEN now() END
        WHERE id = $1 AND status = 'PENDING'`,
      [deliveryId, status, error, error === null ? 'DELIVERED' : last ? 'FAILED' : 'PENDING'],
    );
    if (error === null) return 'delivered';
    if (last) return 'failed';
    throw new Error(`webhook delivery failed: ${error}`);
  }
}

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified, multicast and reserved addresses. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  const lower = ip.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
}

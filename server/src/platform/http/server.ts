// The API process's HTTP side: one port serving POST/GET /graphql (Apollo Server on Express 5),
// graphql-ws subscriptions on the same path, GET /health, and the three built SPAs.
import { conversationsRoutes } from '../../modules/conversations/conversations.module.js';
import { relayRoutes } from '../../modules/relay/relay.module.js';
import { requestsRoutes } from '../../modules/requests/requests.module.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Request } from 'express';
import { execute, GraphQLError, parse, specifiedRules, subscribe, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { leadUploadRoutes } from '../../modules/leads/upload.http.js';
import { purchaseDownloadRoutes } from '../../modules/marketplace/purchase.http.js';
import type { Services } from '../../modules/services.js';
import { createContext, type Context, type RequestInfo } from '../graphql/context.js';
import { subscriptionAccessError } from '../graphql/access.js';
import { formatError } from '../graphql/errors.js';
import { createArmor, REQUEST_LIMITS } from '../graphql/limits.js';
import type { Platform } from '../platform.js';
import { repoRoot } from '../paths.js';
import { credentialOf, NO_COOKIE, responseSessionCookie } from './cookies.js';
import { healthReport } from './health.js';

export const WEB_APPS = [
  { name: 'buyer', mount: '/buyer' },
  { name: 'partner', mount: '/partner' },
  { name: 'admin', mount: '/admin' },
] as const;

export interface HttpServer {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

function requestInfo(req: {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string | undefined };
}): RequestInfo {
  const userAgent = req.headers['user-agent'];
  return { ip: req.socket.remoteAddress ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

/** Turns RATE_LIMITED errors into HTTP 429 with RateLimit headers, as API clients expect. */
const rateLimitStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, errors }) {
        const limited = errors?.find((e) => e.extensions['code'] === 'RATE_LIMITED');
        if (!limited || response.body.kind !== 'single') return;
        const ext = limited.extensions as { limit?: number; remaining?: number; retryAfterSeconds?: number };
        response.http.status = 429;
        response.http.headers.set('retry-after', String(ext.retryAfterSeconds ?? 60));
        response.http.headers.set('ratelimit-limit', String(ext.limit ?? 0));
        response.http.headers.set('ratelimit-remaining', String(ext.remaining ?? 0));
        response.http.headers.set('ratelimit-reset', String(ext.retryAfterSeconds ?? 60));
      },
    };
  },
};

export async function startHttpServer(
  platform: Platform,
  services: Services,
  schema: GraphQLSchema,
  options: { port: number; host: string; serveWeb: boolean },
): Promise<HttpServer> {
  const { log } = platform;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = createServer(app);

  // Request id and one access-log line per request: method, path, status, time. Never bodies.
  app.use((req, res, next) => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    // The path only: query strings can carry tokens. originalUrl, because mounted middleware rewrites req.path.
    const requestPath = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      if (requestPath === '/health' && res.statusCode === 200) return;
      log.info(
        { requestId, method: req.method, path: requestPath, status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
    next();
  });

  app.get('/health', async (_req, res) => {
    const report = await healthReport(platform);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  // Payment provider webhooks: the signature is computed over the raw bytes, so no JSON parser here.
  app.post('/webhooks/stripe', express.raw({ type: () => true, limit: REQUEST_LIMITS.maxBodyBytes }), async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.headers['stripe-signature'];
      const result = await services.webhooks.receive(body, typeof signature === 'string' ? signature : undefined);
      res.status(result.status).json(result.body);
    } catch (error) {
      next(error);
    }
  });

  app.use(leadUploadRoutes(platform, services));
  app.use(purchaseDownloadRoutes(platform, services));
  app.use(requestsRoutes(platform, services));
  app.use(relayRoutes(platform, services));
  app.use(conversationsRoutes(platform, services));

  const armor = createArmor();
  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    introspection: true,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      rateLimitStatusPlugin,
    ],
    formatError: (formatted, original) => {
      const masked = formatError(formatted, original);
      if (masked.extensions?.['code'] === 'INTERNAL') {
        const cause = (original as GraphQLError | undefined)?.originalError ?? original;
        log.error(
          { err: { message: (cause as Error)?.message, stack: (cause as Error)?.stack }, path: formatted.path },
          'unexpected error',
        );
      }
      return masked;
    },
  });
  await apollo.start();

  const contextFor = async (req: Request, res: express.Response): Promise<Context> => {
    const { principal, viewer } = await services.sessions.resolveWithViewer(credentialOf(req.headers));
    return createContext(platform, services, principal, {
      requestId: res.locals['requestId'] as string,
      request: requestInfo(req),
      sessionCookie: responseSessionCookie(res, platform.config.COOKIE_SECURE),
      viewer,
    });
  };

  app.use(
    '/graphql',
    express.json({ limit: REQUEST_LIMITS.maxBodyBytes }),
    expressMiddleware(apollo, { context: ({ req, res }) => contextFor(req, res) }),
  );

  // Body errors before GraphQL: malformed JSON → 400, too large → 413; never a stack trace.
  const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({
        errors: [
          { message: `Request body is larger than ${REQUEST_LIMITS.maxBodyBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } },
        ],
      });
      return;
    }
    if (error.type === 'entity.parse.failed' || error.status === 400) {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(error);
  };
  app.use(bodyErrors);

  if (options.serveWeb) {
    for (const web of WEB_APPS) {
      const dist = path.join(repoRoot, `web-${web.name}`, 'dist');
      if (!existsSync(dist)) continue;
      app.use(web.mount, express.static(dist, { index: false, maxAge: '1h', immutable: false }));
      // Client-side routes fall back to the app's index.html.
      app.get(`${web.mount}{/*rest}`, (_req, res) => res.sendFile(path.join(dist, 'index.html'), { maxAge: 0 }));
    }
    app.get('/', (_req, res) => res.redirect(302, '/buyer/'));
  }

  app.use((_req, res) => res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] }));
  const lastResort: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    void _next;
    log.error({ err: { message: error.message } }, 'unhandled HTTP error');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] });
  };
  app.use(lastResort);

  // Subscriptions: authenticated once on connect (cookie of the upgrade request, or a token in the
  // connection params), with the same validation limits as HTTP and fresh loaders per operation.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: REQUEST_LIMITS.maxBodyBytes });
  const wsCleanup = useServer<{ authToken?: string }, { principal?: Context['principal'] }>(
    {
      schema,
      execute,
      subscribe,
      onConnect: async (ctx) => {
        const token = typeof ctx.connectionParams?.authToken === 'string' ? ctx.connectionParams.authToken : undefined;
        ctx.extra.principal = await services.sessions.resolve(token ?? credentialOf(ctx.extra.request.headers));
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: REQUEST_LIMITS.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Invalid query')];
        }
        const errors = validate(schema, document, [...specifiedRules, ...armor.validationRules]);
        if (errors.length)
          return errors.map((e) => new GraphQLError(formatError(e, e).message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const denied = subscriptionAccessError(schema, document, ctx.extra.principal ?? { kind: 'anonymous' });
        return denied ? [denied] : undefined;
      },
      context: (ctx): Context =>
        createContext(platform, services, ctx.extra.principal ?? { kind: 'anonymous' }, {
          request: requestInfo(ctx.extra.request),
          sessionCookie: NO_COOKIE,
        }),
      onError: (_ctx, _id, _payload, errors) => {
        log.warn({ errors: errors.map((e) => e.message) }, 'subscription error');
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;

  return {
    server: httpServer,
    url,
    async stop() {
      await wsCleanup.dispose();
      wsServer.close();
      await apollo.stop();
    },
  };
}

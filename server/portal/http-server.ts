// The portal's HTTP server: static assets from the Vite build, then every other request through
// Remix (pages, the REST API and health checks are all Remix routes), its body bounded by its
// route's limit (remix-handler.ts). Each request gets the shared services, its CSRF token and its
// client address in the load context.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCookieSessionStorage, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import express, { type Request } from 'express';
import { PROBLEM_TYPES, problemTypeUri, type Problem } from '../../portal/api/problem.server.js';
import { CSRF_COOKIE, newCsrfToken, readCsrfCookie, signCsrfToken } from '../../portal/auth/csrf-cookie.server.js';
import type { CustomerSessionData, PortalSettings, StaffFlashData, StaffSessionData } from '../../portal/context.server.js';
import type { ServiceContext } from '../services/context.js';
import { CUSTOMER_SESSION_DAYS } from '../services/access/customer-sign-in.js';
import { STAFF_SESSION_HOURS } from '../services/access/staff.js';
import { createRemixHandler } from './remix-handler.js';

export interface PortalServerOptions {
  services: ServiceContext;
  settings: PortalSettings;
  sessionSecret: string;
  host: string;
  port: number;
  /** Where `npm run build` wrote the portal (server/ and client/ inside). */
  buildDirectory: string;
  /** Express's "trust proxy" setting, for a portal behind a reverse proxy (UPLINK_TRUST_PROXY). */
  trustProxy?: string | undefined;
}

export interface RunningPortal {
  url: string;
  close(): Promise<void>;
}

export async function loadPortalBuild(buildDirectory: string): Promise<ServerBuild> {
  const entry = join(buildDirectory, 'server', 'index.js');
  if (!existsSync(entry)) throw new Error(`The portal is not built (${entry} is missing): run \`npm run build\`.`);
  return (await import(pathToFileURL(entry).href)) as ServerBuild;
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // A mangled cookie is treated as no cookie, not as a broken page.
    }
  }
  return undefined;
}

export async function startPortalServer(options: PortalServerOptions): Promise<RunningPortal> {
  const build = await loadPortalBuild(options.buildDirectory);
  const secureCookies = options.settings.portalUrl.startsWith('https:');
  const staffSessions = createCookieSessionStorage<StaffSessionData, StaffFlashData>({
    cookie: {
      name: 'uplink_staff',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: secureCookies,
      secrets: [options.sessionSecret],
      maxAge: STAFF_SESSION_HOURS * 3600,
    },
  });
  // Customers have a cookie of their own: a customer session never opens staff pages, nor the reverse.
  const customerSessions = createCookieSessionStorage<CustomerSessionData>({
    cookie: {
      name: 'uplink_customer',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: secureCookies,
      secrets: [options.sessionSecret],
      maxAge: CUSTOMER_SESSION_DAYS * 86_400,
    },
  });

  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', /^\d+$/.test(options.trustProxy) ? Number(options.trustProxy) : options.trustProxy);
  app.use('/assets', express.static(join(options.buildDirectory, 'client', 'assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(join(options.buildDirectory, 'client'), { maxAge: '1h' }));
  const handleWithRemix = createRemixHandler({
    build,
    getLoadContext(request, response): AppLoadContext {
      const presented = readCsrfCookie(cookieValue(request, CSRF_COOKIE), options.sessionSecret);
      const csrfToken = presented ?? newCsrfToken();
      if (!presented) {
        response.append(
          'Set-Cookie',
          `${CSRF_COOKIE}=${signCsrfToken(csrfToken, options.sessionSecret)}; Path=/; HttpOnly; SameSite=Lax${secureCookies ? '; Secure' : ''}`,
        );
      }
      return {
        services: options.services,
        settings: options.settings,
        staffSessions,
        customerSessions,
        csrfToken,
        csrfCookiePresented: presented !== null,
        // With a trusted proxy, the address it reports (X-Forwarded-For); otherwise the socket's.
        clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown',
      };
    },
  });
  // `use`, not `all('*')`: a route pattern makes Express decode the path itself, and a path that
  // is no valid percent-encoding (`/api/v1/customers/%FF`) would fail there as a server error
  // instead of reaching the route that answers it.
  app.use((request, response, next) => {
    void handleWithRemix(request, response, next);
  });
  // Last resort for failures outside Remix's own error pages: a plain answer, never a stack trace.
  app.use((error: unknown, request: Request, response: express.Response, _next: express.NextFunction) => {
    if (response.headersSent) return;
    // Express marks what the client got wrong (a malformed URL, say) with a 4xx status of its own.
    const status = clientErrorStatus(error);
    if (status !== null) {
      const detail = 'The request could not be read (a malformed URL or header); nothing was done.';
      if (request.path.startsWith('/api/')) {
        const body: Problem = { type: problemTypeUri('bad-request'), title: PROBLEM_TYPES['bad-request'].title, status, detail };
        response.status(status).type('application/problem+json').send(JSON.stringify(body));
      } else {
        response.status(status).type('text/plain').send(detail);
      }
      return;
    }
    console.error('Portal request failed:', error);
    response.status(500).type('text/plain').send('Uplink could not finish this request; the server log has the details.');
  });

  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function clientErrorStatus(error: unknown): number | null {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

// The whole stack for portal, API and CLI tests: a real Temporal dev server (real time), a worker
// with the real activities, a Postgres database of its own, and the built portal served over
// HTTP on a free port, exactly as `npm start` serves it.
import { resolve } from 'node:path';
import type { Worker } from '@temporalio/worker';
import type { PortalSettings } from '../../portal/context.server.js';
import type { PaymentGateway } from '../../payments/gateway.js';
import { startPortalServer, type RunningPortal } from '../../server/portal/http-server.js';
import { createApiKey } from '../../server/services/access/api-keys.js';
import { createStaff } from '../../server/services/access/staff.js';
import { createWorkflowHarness, type WorkflowHarness } from './workflow-harness.js';

export interface PortalHarness {
  stack: WorkflowHarness;
  portal: RunningPortal;
  /** Base URL, such as http://127.0.0.1:41234. */
  url: string;
  settings: PortalSettings;
  /** A fresh API key's bearer token. */
  newApiToken(name?: string): Promise<string>;
  /** A staff account that can sign in; the password is returned for the sign-in form. */
  newStaff(email?: string): Promise<{ email: string; password: string }>;
  dispose(): Promise<void>;
}

export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-to-sign';

/** Inbound-mail webhook secrets the harness's portal is configured with (Resend's is "whsec_" + base64). */
export const TEST_INBOUND_SETTINGS: PortalSettings['inbound'] = {
  resendWebhookSecret: `whsec_${Buffer.from('test-resend-webhook-signing-key!').toString('base64')}`,
  mimeSecret: 'test-inbound-mime-secret-that-is-long-enough',
  resendApiKey: undefined,
  resendBaseUrl: undefined,
};

export interface PortalHarnessOptions {
  /** Serve the Temporal Web UI on this port (pass the matching `temporalUiUrl` override too). */
  temporalUiPort?: number;
  /** The card gateway the services, the worker's activities and the portal use (none by default). */
  gateway?: PaymentGateway;
  /**
   * Make settings.portalUrl the portal's own address once it listens, for pages that send the
   * browser away and back (the gateway's card page returns to it).
   */
  portalUrlFromServer?: boolean;
}

export async function createPortalHarness(
  overrides: Partial<PortalSettings> = {},
  options: PortalHarnessOptions = {},
): Promise<PortalHarness> {
  const stack = await createWorkflowHarness('local', { uiPort: options.temporalUiPort });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    if (options.gateway) {
      stack.ctx.gateway = options.gateway;
      stack.deps.gateway = options.gateway;
    }
    worker = await stack.worker();
    running = worker.run();
    const settings: PortalSettings = {
      companyName: 'Test ISP',
      portalUrl: 'http://127.0.0.1',
      timeZone: 'Europe/Berlin',
      temporalNamespace: stack.env.namespace ?? 'default',
      temporalUiUrl: 'http://127.0.0.1:8233',
      inbound: TEST_INBOUND_SETTINGS,
      paymentsTestMode: options.gateway?.testMode ?? false,
      ...overrides,
    };
    const portal = await startPortalServer({
      services: stack.ctx,
      settings,
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    });
    // The server reads the same settings object on every request.
    if (options.portalUrlFromServer) settings.portalUrl = portal.url;
    let staffCount = 0;
    return {
      stack,
      portal,
      url: portal.url,
      settings,
      async newApiToken(name = 'test client') {
        return (await createApiKey(stack.ctx, { name })).token;
      },
      async newStaff(email = `staff${++staffCount}@isp.test`) {
        const password = 'correct horse battery staple';
        await createStaff(stack.ctx, { email, name: `Staff ${staffCount}`, password });
        return { email, password };
      },
      async dispose() {
        await portal.close();
        worker?.shutdown();
        await running;
        await stack.dispose();
      },
    };
  } catch (error) {
    worker?.shutdown();
    await running?.catch(() => {});
    await stack.dispose();
    throw error;
  }
}

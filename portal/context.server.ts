// What the HTTP server hands every loader and action: the services (database and Temporal), the
// settings pages need, and this request's CSRF token and client address.
import type { SessionStorage } from '@remix-run/node';
import type { ServiceContext } from '../server/services/context.js';

export interface PortalSettings {
  companyName: string;
  portalUrl: string;
  /** IANA zone that timestamps are shown in. */
  timeZone: string;
  temporalNamespace: string;
  /** Base URL of the Temporal Web UI, when there is one to link to. */
  temporalUiUrl: string | undefined;
  inbound: InboundWebhookSettings;
  /** The card gateway runs on test keys (or is the local stand-in): every page says so. Absent: false. */
  paymentsTestMode?: boolean;
}

/** What the inbound-mail webhooks check and call; a channel without its secret answers 503. */
export interface InboundWebhookSettings {
  /** Resend's webhook signing secret ("whsec_..."). */
  resendWebhookSecret: string | undefined;
  /** The bearer secret mail servers present when posting raw MIME. */
  mimeSecret: string | undefined;
  /** For fetching received messages from Resend's receiving API. */
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
}

export interface StaffSessionData {
  staffId: string;
  /** Milliseconds since the epoch; sessions older than the limit or than a sign-out are void. */
  signedInAt: number;
}

/** A customer signed in to the portal by magic link; kept apart from staff sessions. */
export interface CustomerSessionData {
  customerId: string;
  /** Milliseconds since the epoch; sessions older than the limit or than a sign-out are void. */
  signedInAt: number;
}

export interface StaffFlashData {
  notice: string;
}

export interface PortalContext {
  services: ServiceContext;
  settings: PortalSettings;
  staffSessions: SessionStorage<StaffSessionData, StaffFlashData>;
  customerSessions: SessionStorage<CustomerSessionData>;
  /** The token forms must echo back; from the request's CSRF cookie, or newly set by this response. */
  csrfToken: string;
  /** Whether the request itself carried a valid CSRF cookie (a POST without one is refused). */
  csrfCookiePresented: boolean;
  clientAddress: string;
}

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PortalContext {}
}

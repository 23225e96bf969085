// Configuration comes from the environment only, parsed once at boot so a typo fails loudly
// with the variable's name instead of surfacing later as odd behaviour.
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Environment } from './environment.js';
import { isTimeZone } from './imports/time-zones.js';
import type { InboundSenderAuthenticationSettings } from './services/inbound/inbound-sender-authentication.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z.object({
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  UPLINK_DATA_DIR: z.string().default('.data'),
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_UI_URL: optionalText.pipe(z.url().optional()),
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: optionalText.pipe(z.url().optional()),
  EMAIL_FROM: z.string().default('Uplink Billing <billing@uplink.localhost>'),
  COMPANY_NAME: z.string().default('Uplink Demo ISP'),
  /** Where customers and staff reach the portal; defaults to http://HOST:PORT. */
  PORTAL_URL: optionalText.pipe(z.url().optional()),
  UPLINK_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(3000),
  /** Signs the staff session and CSRF cookies; generated into the data folder when not given. */
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Time zone that dates and times are shown in on the staff pages. */
  UPLINK_TIME_ZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  /**
   * Which proxies in front of the portal to believe about the client's address (Express's
   * "trust proxy": `loopback`, a hop count, or addresses). Unset: the socket's address, which
   * behind a proxy is the proxy's, so every client would share one sign-in throttle.
   */
  UPLINK_TRUST_PROXY: optionalText,
  /** Replies to quote emails go to reply+<token>@ this domain; route its mail to the inbound webhook. */
  UPLINK_INBOUND_DOMAIN: z.string().default('reply.uplink.localhost'),
  /** Signs reply addresses; derived from the session secret when not given. */
  UPLINK_REPLY_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Resend's webhook signing secret ("whsec_..."); without it the Resend inbound webhook answers 503. */
  RESEND_WEBHOOK_SECRET: optionalText,
  /** Shared secret mail servers present to post raw MIME; without it that endpoint answers 503. */
  UPLINK_INBOUND_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /**
   * The authserv-id our receiving mail server writes into its Authentication-Results headers
   * (RFC 8601), e.g. mx.example.net. A reply that accepts or declines is acted on only when such a
   * header shows it came from the From address's domain; headers naming any other server are
   * ignored, since a sender can write those.
   */
  UPLINK_INBOUND_AUTHSERV_ID: optionalText.pipe(
    z.string().max(255).regex(/^[^\s;=()"\\]+$/, 'must be one word, as the mail server writes it before the first ";" (e.g. mx.example.net)').optional(),
  ),
  /**
   * "true": act on replies that carry no Authentication-Results header from UPLINK_INBOUND_AUTHSERV_ID,
   * for a receiving server that checks senders but writes no such header. Results that fail are never trusted.
   */
  UPLINK_INBOUND_TRUST_UNAUTHENTICATED: z.enum(['true', 'false'], 'must be true or false').default('false'),
  /** The first staff account, created on a start that finds none. */
  UPLINK_ADMIN_EMAIL: optionalText.pipe(z.email('must be an email address').optional()),
  UPLINK_ADMIN_PASSWORD: optionalText.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
  /** Stripe's secret key (sk_live_/sk_test_/rk_); without it payments run against the local stand-in, in test mode. */
  STRIPE_SECRET_KEY: optionalText.pipe(z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)').optional()),
  /** The signing secret of the Stripe webhook endpoint pointing at /webhooks/stripe; required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: optionalText.pipe(z.string().startsWith('whsec_', 'must be a webhook signing secret (whsec_…)').optional()),
  /** Where the local gateway stand-in listens when there are no Stripe keys; 0 takes any free port. */
  UPLINK_GATEWAY_STAND_IN_PORT: z.coerce.number().int().min(0).max(65535).default(12111),
  /** Who is emailed when an account's billing is blocked; defaults to UPLINK_ADMIN_EMAIL, else EMAIL_FROM's address. */
  UPLINK_STAFF_ALERT_EMAIL: optionalText.pipe(z.email('must be an email address').optional()),
});

export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  temporal: {
    /** Address of an existing Temporal server; when absent, a local dev server is started. */
    address: string | undefined;
    namespace: string;
    devServerPort: number;
    devServerUiPort: number;
    /** Where staff open the Temporal Web UI; defaults to the local dev server's. */
    uiUrl: string | undefined;
  };
  email: {
    resendApiKey: string | undefined;
    resendBaseUrl: string | undefined;
    from: string;
    /** Where alerts for staff go (an account whose billing is blocked). */
    staffAlerts: string;
  };
  inbound: {
    domain: string;
    replySecret: string | undefined;
    resendWebhookSecret: string | undefined;
    mimeSecret: string | undefined;
    senderAuthentication: InboundSenderAuthenticationSettings;
  };
  companyName: string;
  portalUrl: string;
  seedDemoData: boolean;
  portal: {
    host: string;
    port: number;
    sessionSecret: string | undefined;
    timeZone: string;
    trustProxy: string | undefined;
  };
  firstStaff: { email: string; password: string } | undefined;
  /** The card gateway: Stripe with keys, else the local stand-in that npm start runs itself. */
  gateway: { kind: 'stripe'; secretKey: string; webhookSecret: string } | { kind: 'stand-in'; port: number };
}

export function loadConfig(env: Environment = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const c = parsed.data;
  if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) {
    throw new Error('Invalid configuration:\n  STRIPE_WEBHOOK_SECRET: is required with STRIPE_SECRET_KEY (the signing secret of the webhook pointing at /webhooks/stripe)');
  }
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(c.UPLINK_DATA_DIR),
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      devServerPort: c.TEMPORAL_PORT,
      devServerUiPort: c.TEMPORAL_UI_PORT,
      uiUrl: c.TEMPORAL_UI_URL,
    },
    email: {
      resendApiKey: c.RESEND_API_KEY,
      resendBaseUrl: c.RESEND_BASE_URL,
      from: c.EMAIL_FROM,
      staffAlerts: c.UPLINK_STAFF_ALERT_EMAIL ?? c.UPLINK_ADMIN_EMAIL ?? senderAddress(c.EMAIL_FROM),
    },
    inbound: {
      domain: c.UPLINK_INBOUND_DOMAIN,
      replySecret: c.UPLINK_REPLY_SECRET,
      resendWebhookSecret: c.RESEND_WEBHOOK_SECRET,
      mimeSecret: c.UPLINK_INBOUND_SECRET,
      senderAuthentication: {
        authservId: c.UPLINK_INBOUND_AUTHSERV_ID,
        trustUnauthenticated: c.UPLINK_INBOUND_TRUST_UNAUTHENTICATED === 'true',
      },
    },
    companyName: c.COMPANY_NAME,
    portalUrl: c.PORTAL_URL ?? `http://${c.HOST}:${c.PORT}`,
    seedDemoData: c.UPLINK_DEMO_DATA === 'true',
    portal: {
      host: c.HOST,
      port: c.PORT,
      sessionSecret: c.SESSION_SECRET,
      timeZone: c.UPLINK_TIME_ZONE,
      trustProxy: c.UPLINK_TRUST_PROXY,
    },
    firstStaff:
      c.UPLINK_ADMIN_EMAIL && c.UPLINK_ADMIN_PASSWORD
        ? { email: c.UPLINK_ADMIN_EMAIL, password: c.UPLINK_ADMIN_PASSWORD }
        : undefined,
    gateway:
      c.STRIPE_SECRET_KEY && c.STRIPE_WEBHOOK_SECRET
        ? { kind: 'stripe', secretKey: c.STRIPE_SECRET_KEY, webhookSecret: c.STRIPE_WEBHOOK_SECRET }
        : { kind: 'stand-in', port: c.UPLINK_GATEWAY_STAND_IN_PORT },
  };
}

/** The address in a sender such as "Uplink Billing <billing@example.net>": the ISP's own mailbox. */
function senderAddress(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

/** A database URL fit for printing: the password is never shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

import type { Database } from '../db/client.js';
import type { EmailTransport } from '../emails/transport.js';

/** Everything activities touch from the outside world, injected so tests pass real or fake parts. */
export interface ActivityDeps {
  db: Database;
  email: EmailTransport;
  /** Sender address of outgoing mail, e.g. "Uplink Billing <billing@example.net>". */
  emailFrom: string;
  /** The ISP's name as customers know it, shown in emails. */
  companyName: string;
  /** Base URL of the customer portal, linked from emails. */
  portalUrl: string;
}

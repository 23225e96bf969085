import type { Database } from '../db/client.js';
import type { ReplyAddressSettings } from '../emails/reply-address.js';
import type { EmailTransport } from '../emails/transport.js';

/** What sending mail needs: activities have it, and so do the portal's few direct sends (sign-in links). */
export interface MailDeps {
  email: EmailTransport;
  /** Sender address of outgoing mail, e.g. "Uplink Billing <billing@example.net>". */
  emailFrom: string;
  /** The ISP's name as customers know it, shown in emails. */
  companyName: string;
  /** Base URL of the customer portal, linked from emails. */
  portalUrl: string;
  /** Where replies to quote emails go, and the key that signs those addresses. */
  replyAddresses: ReplyAddressSettings;
}

/** Everything activities touch from the outside world, injected so tests pass real or fake parts. */
export interface ActivityDeps extends MailDeps {
  db: Database;
}

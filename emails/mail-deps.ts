import type { ReplyAddressSettings } from './reply-address.js';
import type { EmailTransport } from './transport.js';

/** What sending mail needs: activities have it, and so do the few sends made straight from a request (sign-in links). */
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

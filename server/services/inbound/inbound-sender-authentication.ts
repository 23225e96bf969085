// Whether a reply that would change an account (accept or decline a quote) may be acted on:
// only when our receiving mail server vouches that it came from the From address's domain, or,
// where the installation says so, when that server left no verdict at all.
import type { ParsedInboundMail } from '../../../emails/inbound/parse-inbound-mail.js';
import { decideSenderAuthentication, type SenderAuthentication } from '../../../emails/inbound/sender-authentication.js';

export interface InboundSenderAuthenticationSettings {
  /** UPLINK_INBOUND_AUTHSERV_ID: the authserv-id our receiving server writes; undefined: none trusted. */
  authservId: string | undefined;
  /** UPLINK_INBOUND_TRUST_UNAUTHENTICATED: act when our server left no Authentication-Results (never when they fail). */
  trustUnauthenticated: boolean;
}

export type SenderCheck = { ok: true; authentication: SenderAuthentication } | { ok: false; authentication: SenderAuthentication; reason: string };

/**
 * Resend's `email.received` event carries no SPF, DKIM or DMARC verdict, so every channel is
 * judged from the message's own headers: the original bytes for raw MIME and for Resend when it
 * offers them. A message Resend hands over only as parts has no trace headers: verdict none.
 */
export function checkInboundSender(settings: InboundSenderAuthenticationSettings | undefined, mail: Pick<ParsedInboundMail, 'from' | 'headerLines'>): SenderCheck {
  const authentication = decideSenderAuthentication({ from: mail.from, headers: mail.headerLines, authservId: settings?.authservId });
  if (authentication.verdict === 'pass') return { ok: true, authentication };
  if (authentication.verdict === 'none' && settings?.trustUnauthenticated) return { ok: true, authentication };
  return { ok: false, authentication, reason: `the sender could not be authenticated: ${authentication.reason}` };
}

// The MIME samples in test/fixtures/inbound, written for these tests in the styles of common mail
// clients. They are addressed to a stand-in reply address and come from stand-in customers;
// integration tests swap those for a real quote's reply address and customer, and add the
// Authentication-Results header our receiving mail server writes on top of a message it checked.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InboundSenderAuthenticationSettings } from '../../server/services/inbound/inbound-sender-authentication.js';

export const SAMPLE_REPLY_ADDRESS = 'reply+quote-token@reply.uplink.test';
export const SAMPLE_SENDER = 'anna.customer@example.org';

export function readSample(name: string): Buffer {
  return readFileSync(resolve('test/fixtures/inbound', name));
}

/** The receiving mail server of the integration tests, as the services are configured with it. */
export const TEST_RECEIVING_SERVER = 'mx.uplink.test';
export const TEST_SENDER_AUTHENTICATION: InboundSenderAuthenticationSettings = { authservId: TEST_RECEIVING_SERVER, trustUnauthenticated: false };

/**
 * What our receiving server writes on top of a message whose sender's domain passed SPF, DKIM
 * and DMARC, in the style of a Postfix server with OpenDKIM and OpenDMARC.
 */
export function passingAuthenticationResults(from: string, authservId = TEST_RECEIVING_SERVER): string {
  const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  return (
    `Authentication-Results: ${authservId}; dmarc=pass (p=reject dis=none) header.from=${domain}\n` +
    `Authentication-Results: ${authservId};\n\tdkim=pass (2048-bit key; unprotected) header.d=${domain} header.i=@${domain} header.s=mail header.b="AbCdEf12";\n` +
    `\tspf=pass (sender SPF authorized) smtp.mailfrom=${from.toLowerCase()}\n`
  );
}

/**
 * A sample as a given sender's reply to a given address, with a Message-ID of its own so
 * tests never share a message. The swaps are plain header text, outside any encoded part.
 */
export function sampleAs(
  name: string,
  swap: { to: string; from?: string; messageId: string; /** Without our server's header: false. Default: passing for the sender. */ authenticated?: boolean },
): string {
  const text = readSample(name).toString('latin1');
  const swapped = text.replaceAll(SAMPLE_REPLY_ADDRESS, swap.to).replace(/^(Message-I[Dd]:\s*).*$/m, `$1<${swap.messageId}>`);
  // Every sample's From header ends with "<address>".
  const sent = swap.from ? swapped.replace(/^(From:.*<)[^>]+(>)/m, `$1${swap.from}$2`) : swapped;
  if (swap.authenticated === false) return sent;
  const header = passingAuthenticationResults(swap.from ?? SAMPLE_SENDER);
  return (sent.includes('\r\n') ? header.replaceAll('\n', '\r\n') : header) + sent;
}

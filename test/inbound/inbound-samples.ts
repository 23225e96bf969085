// The MIME samples in test/fixtures/inbound, written for these tests in the styles of common mail
// clients. They are addressed to a stand-in reply address and come from stand-in customers;
// integration tests swap those for a real quote's reply address and customer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SAMPLE_REPLY_ADDRESS = 'reply+quote-token@reply.uplink.test';
export const SAMPLE_SENDER = 'anna.customer@example.org';

export function readSample(name: string): Buffer {
  return readFileSync(resolve('test/fixtures/inbound', name));
}

/**
 * A sample as a given sender's reply to a given address, with a Message-ID of its own so
 * tests never share a message. The swaps are plain header text, outside any encoded part.
 */
export function sampleAs(name: string, swap: { to: string; from?: string; messageId: string }): string {
  const text = readSample(name).toString('latin1');
  const swapped = text.replaceAll(SAMPLE_REPLY_ADDRESS, swap.to).replace(/^(Message-I[Dd]:\s*).*$/m, `$1<${swap.messageId}>`);
  // Every sample's From header ends with "<address>".
  return swap.from ? swapped.replace(/^(From:.*<)[^>]+(>)/m, `$1${swap.from}$2`) : swapped;
}

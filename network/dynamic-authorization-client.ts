// RFC 5176 client: sends a Disconnect-Request or CoA-Request to a NAS over UDP and waits for its
// ACK or NAK. The packet is encoded once and the very same bytes are sent again on each retry (same
// Identifier, same Event-Timestamp), so a NAS that already acted sees a duplicate, not a new request.
// A reply counts only if it comes from the NAS's address and port, carries our Identifier, and its
// Response Authenticator (and Message-Authenticator, when present) checks out with the shared secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { radiusCodec as radius, type RadiusAttributeInput } from './radius-codec.js';

export type DynamicAuthorizationCode = 'Disconnect-Request' | 'CoA-Request';

export interface NasTarget {
  address: string;
  port: number;
  secret: string;
}

export interface RetryPolicy {
  /** How long the first attempt waits for an answer; each further attempt waits twice as long. */
  timeoutMs: number;
  attempts: number;
}

export type DynamicAuthorizationAnswer =
  | { acked: true; attempts: number }
  | { acked: false; attempts: number; /** RFC 5176 Error-Cause, when the NAK carried one. */ errorCause: number | null };

/** RFC 5176 Error-Cause 503: the NAS has no such session, so there is nothing left to disconnect or change. */
export const SESSION_CONTEXT_NOT_FOUND = 503;

export class NasNoAnswerError extends Error {
  constructor(readonly target: NasTarget, readonly attempts: number) {
    super(`NAS ${target.address}:${target.port} did not answer after ${attempts} attempt(s)`);
    this.name = 'NasNoAnswerError';
  }
}

const ACK_FOR: Record<DynamicAuthorizationCode, string> = { 'Disconnect-Request': 'Disconnect-ACK', 'CoA-Request': 'CoA-ACK' };
const NAK_FOR: Record<DynamicAuthorizationCode, string> = { 'Disconnect-Request': 'Disconnect-NAK', 'CoA-Request': 'CoA-NAK' };
const MESSAGE_AUTHENTICATOR = 80;
const ERROR_CAUSE = 101;
const MAX_ATTEMPTS = 10;

export async function sendDynamicAuthorization(
  target: NasTarget,
  code: DynamicAuthorizationCode,
  attributes: RadiusAttributeInput[],
  retry: RetryPolicy,
): Promise<DynamicAuthorizationAnswer> {
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1 || retry.attempts > MAX_ATTEMPTS) {
    throw new RangeError(`attempts: must be a whole number from 1 to ${MAX_ATTEMPTS}`);
  }
  if (!(retry.timeoutMs > 0 && retry.timeoutMs <= 60_000)) throw new RangeError('timeoutMs: must be more than 0 and at most 60000');
  const request = signRequest(
    radius.encode({
      code,
      secret: target.secret,
      attributes: [...attributes, ['Event-Timestamp', new Date()], [MESSAGE_AUTHENTICATOR, Buffer.alloc(16)]],
      add_message_authenticator: false,
    }),
    target.secret,
  );
  const socket = createSocket(isIPv6(target.address) ? 'udp6' : 'udp4');
  try {
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      const answer = await attemptOnce(socket, target, code, request, retry.timeoutMs * 2 ** (attempt - 1));
      if (answer) return { ...answer, attempts: attempt } as DynamicAuthorizationAnswer;
    }
    throw new NasNoAnswerError(target, retry.attempts);
  } finally {
    socket.close();
  }
}

type Outcome = { acked: true } | { acked: false; errorCause: number | null };

function attemptOnce(socket: Socket, target: NasTarget, code: DynamicAuthorizationCode, request: Buffer, waitMs: number): Promise<Outcome | null> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: Outcome | null, error?: Error) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('error', onError);
      if (error) reject(error);
      else resolve(outcome);
    };
    const onMessage = (reply: Buffer, from: { address: string; port: number }) => {
      if (from.port !== target.port || !sameAddress(from.address, target.address)) return;
      const outcome = readReply(reply, request, code, target.secret);
      if (outcome) finish(outcome);
    };
    // An ICMP port unreachable shows up as an error on some systems: the same as no answer.
    const onError = () => finish(null);
    const timer = setTimeout(() => finish(null), waitMs);
    socket.on('message', onMessage);
    socket.on('error', onError);
    socket.send(request, target.port, target.address, (error) => {
      if (error) finish(null, error);
    });
  });
}

/**
 * RFC 5176 3.5 with RFC 3579 3.2: the Message-Authenticator is the HMAC-MD5 of the request with
 * the Request Authenticator zeroed; the Request Authenticator is then MD5 of the request (with that
 * Message-Authenticator) over zeros, plus the secret. The radius package does these in the other
 * order, as for an Access-Request, which a NAS rightly refuses.
 */
function signRequest(encoded: Buffer, secret: string): Buffer {
  const packet = Buffer.from(encoded);
  packet.fill(0, 4, 20);
  const offset = messageAuthenticatorOffset(packet);
  if (typeof offset !== 'number') throw new Error('Message-Authenticator missing from the encoded request');
  packet.fill(0, offset + 2, offset + 18);
  createHmac('md5', secret).update(packet).digest().copy(packet, offset + 2);
  createHash('md5').update(packet).update(secret).digest().copy(packet, 4);
  return packet;
}

/** Where the Message-Authenticator starts: null when absent, 'malformed' when the attributes do not parse. */
function messageAuthenticatorOffset(packet: Buffer): number | null | 'malformed' {
  let offset = 20;
  while (offset < packet.length) {
    if (offset + 2 > packet.length) return 'malformed';
    const type = packet.readUInt8(offset);
    const length = packet.readUInt8(offset + 1);
    if (length < 2 || offset + length > packet.length) return 'malformed';
    if (type === MESSAGE_AUTHENTICATOR) return length === 18 ? offset : 'malformed';
    offset += length;
  }
  return null;
}

/** The reply's outcome, or null when it is not a genuine answer to this request. */
function readReply(reply: Buffer, request: Buffer, code: DynamicAuthorizationCode, secret: string): Outcome | null {
  if (reply.length < 20 || reply.readUInt8(1) !== request.readUInt8(1)) return null;
  const length = reply.readUInt16BE(2);
  if (length < 20 || length > reply.length) return null;
  const packet = reply.subarray(0, length);
  if (!responseAuthenticatorValid(packet, request, secret) || !messageAuthenticatorValid(packet, request, secret)) return null;
  let decoded;
  try {
    decoded = radius.decode_without_secret({ packet: Buffer.from(packet) });
  } catch {
    return null;
  }
  if (decoded.code === ACK_FOR[code]) return { acked: true };
  if (decoded.code !== NAK_FOR[code]) return null;
  const cause = decoded.raw_attributes.find(([type]) => type === ERROR_CAUSE);
  return { acked: false, errorCause: cause && cause[1].length === 4 ? cause[1].readUInt32BE(0) : null };
}

/** RFC 2865/5176: MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret). */
function responseAuthenticatorValid(packet: Buffer, request: Buffer, secret: string): boolean {
  const expected = createHash('md5')
    .update(packet.subarray(0, 4))
    .update(request.subarray(4, 20))
    .update(packet.subarray(20))
    .update(secret)
    .digest();
  return timingSafeEqual(expected, packet.subarray(4, 20));
}

/** RFC 3579 3.2: HMAC-MD5 over the reply with the request's authenticator and this attribute zeroed. */
function messageAuthenticatorValid(packet: Buffer, request: Buffer, secret: string): boolean {
  const offset = messageAuthenticatorOffset(packet);
  if (offset === 'malformed') return false;
  if (offset === null) return true;
  const copy = Buffer.from(packet);
  request.copy(copy, 4, 4, 20);
  copy.fill(0, offset + 2, offset + 18);
  const expected = createHmac('md5', secret).update(copy).digest();
  return timingSafeEqual(expected, packet.subarray(offset + 2, offset + 18));
}

function sameAddress(a: string, b: string): boolean {
  const strip = (address: string) => address.replace(/^::ffff:/, '');
  return strip(a) === strip(b);
}

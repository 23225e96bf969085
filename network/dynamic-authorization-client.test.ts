// The Disconnect/CoA client against a NAS played by a UDP socket in this process: an answer only
// counts when it is signed with the shared secret and comes from the NAS, retries resend the very
// same request, and the NAK's Error-Cause is read.
import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { NasNoAnswerError, sendDynamicAuthorization, SESSION_CONTEXT_NOT_FOUND } from './dynamic-authorization-client.js';

const SECRET = 'nas-secret';
const sockets: Socket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

/** A NAS that answers each request it receives with whatever `answer` builds (or stays silent on null). */
async function fakeNas(answer: (request: Buffer, seen: number) => Buffer | null): Promise<{ port: number; received: Buffer[] }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  const received: Buffer[] = [];
  socket.on('message', (request, from) => {
    received.push(request);
    const reply = answer(request, received.length);
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { port: socket.address().port, received };
}

/** A reply as RFC 5176 signs it: MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret). */
function reply(request: Buffer, code: number, secret: string, attributes: Buffer = Buffer.alloc(0)): Buffer {
  const packet = Buffer.alloc(20 + attributes.length);
  packet.writeUInt8(code, 0);
  packet.writeUInt8(request.readUInt8(1), 1);
  packet.writeUInt16BE(packet.length, 2);
  request.copy(packet, 4, 4, 20);
  attributes.copy(packet, 20);
  createHash('md5').update(packet).update(secret).digest().copy(packet, 4);
  return packet;
}

const errorCause = (cause: number) => Buffer.from([101, 6, 0, 0, cause >> 8, cause & 0xff]);
const DISCONNECT_ACK = 41;
const DISCONNECT_NAK = 42;
const COA_ACK = 44;
const session: Parameters<typeof sendDynamicAuthorization>[2] = [
  ['User-Name', 'ada@fibre'],
  ['Acct-Session-Id', 'S-1'],
];

describe('sendDynamicAuthorization', () => {
  it('an ACK signed with the secret is acknowledged at the first attempt', async () => {
    const nas = await fakeNas((request) => reply(request, DISCONNECT_ACK, SECRET));
    const answer = await sendDynamicAuthorization({ address: '127.0.0.1', port: nas.port, secret: SECRET }, 'Disconnect-Request', session, { timeoutMs: 500, attempts: 3 });
    expect(answer).toEqual({ acked: true, attempts: 1 });
    expect(nas.received[0]!.readUInt8(0)).toBe(40);
  });

  it('an ACK signed with another secret, or one of the wrong kind, is not an answer: the request is retried, byte for byte', async () => {
    const nas = await fakeNas((request, seen) => (seen === 1 ? reply(request, DISCONNECT_ACK, 'guessed') : seen === 2 ? reply(request, COA_ACK, SECRET) : null));
    const sent = sendDynamicAuthorization({ address: '127.0.0.1', port: nas.port, secret: SECRET }, 'Disconnect-Request', session, { timeoutMs: 100, attempts: 3 });
    // Waits: 100 + 200 + 400 ms.
    await expect(sent).rejects.toBeInstanceOf(NasNoAnswerError);
    expect(nas.received).toHaveLength(3);
    expect(nas.received[1]).toEqual(nas.received[0]);
    expect(nas.received[2]).toEqual(nas.received[0]);
  });

  it('a NAK carries its Error-Cause; 503 is Session-Context-Not-Found', async () => {
    const nas = await fakeNas((request) => reply(request, DISCONNECT_NAK, SECRET, errorCause(SESSION_CONTEXT_NOT_FOUND)));
    const answer = await sendDynamicAuthorization({ address: '127.0.0.1', port: nas.port, secret: SECRET }, 'Disconnect-Request', session, { timeoutMs: 500, attempts: 1 });
    expect(answer).toEqual({ acked: false, attempts: 1, errorCause: 503 });
  });

  it('refuses retry settings it cannot honour, naming them', async () => {
    const target = { address: '127.0.0.1', port: 9, secret: SECRET };
    await expect(sendDynamicAuthorization(target, 'CoA-Request', session, { timeoutMs: 100, attempts: 0 })).rejects.toThrow(/^attempts: /);
    await expect(sendDynamicAuthorization(target, 'CoA-Request', session, { timeoutMs: 0, attempts: 1 })).rejects.toThrow(/^timeoutMs: /);
  });
});

// The `radius` package (1.1.4) encodes and decodes RADIUS packets, Disconnect-Request (40) and
// CoA-Request (43) included. It ships no types: these are the parts this folder uses.
import { createRequire } from 'node:module';

/** [name, value], [attribute id, raw value], or ['Vendor-Specific', vendor id, [[attribute id, raw value], ...]]. */
export type RadiusAttributeInput = [string, string | number | Date] | [number, Buffer] | ['Vendor-Specific', number, Array<[number, Buffer]>];

export interface DecodedRadiusPacket {
  code: string;
  identifier: number;
  attributes: Record<string, unknown>;
  raw_attributes: Array<[number, Buffer]>;
}

interface RadiusCodec {
  encode(args: { code: string; secret: string; identifier?: number; attributes: RadiusAttributeInput[]; add_message_authenticator?: boolean }): Buffer;
  decode_without_secret(args: { packet: Buffer }): DecodedRadiusPacket;
}

export const radiusCodec = createRequire(import.meta.url)('radius') as RadiusCodec;

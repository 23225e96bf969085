// A customer's collection settings as JSON, for the REST API.
import { z } from 'zod';
import type { CustomerCollections } from '../services/collections/customer-collections.js';
import { id } from './wire-parts.js';

export const customerCollectionsWire = z
  .object({
    dunningPolicyId: id.nullable().meta({ description: 'Their own dunning policy; null: the default policy.' }),
    penaltyClassId: id.nullable().meta({ description: 'Their own penalty class; null: the default class.' }),
    exempt: z.boolean().meta({ description: 'Exempt customers are never reminded, charged penalties, restricted or suspended.' }),
    exemptReason: z.string().nullable(),
    balanceAlertMinor: z
      .string()
      .regex(/^\d+$/)
      .nullable()
      .meta({ description: "Email the customer when their balance rises above this, in minor units of the customer's currency; null: no alert." }),
  })
  .meta({ id: 'CustomerCollections' });

export function customerCollectionsJson(settings: CustomerCollections): z.input<typeof customerCollectionsWire> {
  return { ...settings, balanceAlertMinor: settings.balanceAlertMinor?.toString() ?? null };
}

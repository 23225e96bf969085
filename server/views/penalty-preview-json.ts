// A penalty preview as JSON, for the REST API: each charge a class would make, with money in
// wire form.
import { z } from 'zod';
import { money, toWire } from '../../billing/money.js';
import type { PenaltyPreview } from '../services/collections/penalty-preview.js';
import { id, isoDate, moneyWire } from './wire-parts.js';

export const penaltyPreviewWire = z
  .object({
    customerId: id,
    asOf: isoDate,
    classId: id.nullable().meta({ description: 'The class previewed; null when there is no penalty class at all.' }),
    charges: z
      .array(
        z.object({
          invoiceId: id,
          invoiceNumber: z.string(),
          kind: z.enum(['penalty', 'recovery']).meta({ description: '`recovery`: the fixed recovery compensation, once per invoice.' }),
          ruleId: z.string(),
          occurrence: z.int().nullable(),
          chargeOn: isoDate,
          accruedFrom: isoDate.nullable(),
          accruedTo: isoDate.nullable(),
          base: moneyWire.meta({ description: 'What the rule charges on: the unpaid part of the lines it penalizes.' }),
          amount: moneyWire.meta({ description: 'Net of tax.' }),
          taxRate: z.string().nullable(),
          tax: moneyWire,
          description: z.string().meta({ description: 'The line the customer would read.' }),
        }),
      )
      .meta({ description: 'Due on or before `asOf` and not charged yet, earliest first. Nothing is stored.' }),
    net: moneyWire,
    tax: moneyWire,
  })
  .meta({ id: 'PenaltyPreview' });

export function penaltyPreviewJson(preview: PenaltyPreview): z.input<typeof penaltyPreviewWire> {
  const wire = (minor: bigint) => toWire(money(minor, preview.currency));
  return {
    customerId: preview.customerId,
    asOf: preview.asOf,
    classId: preview.classId,
    charges: preview.charges.map((charge) => ({
      invoiceId: charge.invoiceId,
      invoiceNumber: charge.invoiceNumber,
      kind: charge.kind,
      ruleId: charge.ruleId,
      occurrence: charge.occurrence,
      chargeOn: charge.chargeOn,
      accruedFrom: charge.accruedFrom,
      accruedTo: charge.accruedTo,
      base: wire(charge.baseMinor),
      amount: wire(charge.amountMinor),
      taxRate: charge.taxRate,
      tax: wire(charge.taxMinor),
      description: charge.description,
    })),
    net: wire(preview.netMinor),
    tax: wire(preview.taxMinor),
  };
}

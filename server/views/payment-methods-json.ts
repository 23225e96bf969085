// A customer's cards on file and autopay as JSON, for the REST API. A card is its brand, last four
// digits and expiry, never more.
import { z } from 'zod';
import type { CustomerCards } from '../services/payments/customer-cards.js';
import { id, timestamp } from './wire-parts.js';

export const cardOnFileWire = z
  .object({
    id,
    brand: z.string().meta({ description: "The card network as the gateway names it: `visa`, `mastercard`, `amex`, ...", examples: ['visa'] }),
    last4: z.string().regex(/^\d{4}$/).meta({ description: 'The last four digits of the card number.', examples: ['4242'] }),
    expMonth: z.int().min(1).max(12),
    expYear: z.int(),
    isDefault: z.boolean().meta({ description: 'The card autopay and pay-now charge.' }),
    expired: z.boolean().meta({ description: 'Past the last day of its expiry month, today in the company’s time zone: it can no longer be charged.' }),
    createdAt: timestamp.meta({ description: 'When it was saved.' }),
  })
  .meta({ id: 'CardOnFile' });

export const customerPaymentMethodsWire = z
  .object({
    customerId: id,
    autopay: z.boolean().meta({ description: 'Whether each invoice is charged to the default card when it is issued.' }),
    cards: z.array(cardOnFileWire).meta({ description: 'The default card first, then the newest.' }),
  })
  .meta({ id: 'CustomerPaymentMethods' });

export function customerPaymentMethodsJson(view: CustomerCards): z.input<typeof customerPaymentMethodsWire> {
  return {
    customerId: view.customerId,
    autopay: view.autopay,
    cards: view.cards.map((card) => ({
      id: card.id,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      isDefault: card.isDefault,
      expired: card.expired,
      createdAt: card.createdAt.toISOString(),
    })),
  };
}

import type { Database } from '../../../db/client.js';
import type { PaymentGateway } from '../../../payments/gateway.js';
import { businessDateAt } from '../../../billing/payments/business-date.js';
import type { IsoDate } from '../../../billing/calendar.js';

/** What taking card payments needs: shared by the account workflow's activities, the portal and webhooks. */
export interface CardPaymentDeps {
  db: Database;
  gateway: PaymentGateway;
  /** The company's time zone: a payment is received on its business day. */
  timeZone: string;
}

export const businessToday = (deps: Pick<CardPaymentDeps, 'timeZone'>): IsoDate => businessDateAt(Date.now(), deps.timeZone);

/** Who books card money: shown as the payment's "recorded by". */
export const GATEWAY_RECORDER = 'card gateway';

// Fees the gateway keeps and payouts it makes, booked once each against the clearing account.
import type { IsoDate } from '../../billing/calendar.js';
import type { Money } from '../../billing/money.js';
import { gatewayFeePosting, gatewayPayoutPosting } from '../../billing/payments/payment-postings.js';
import { gatewayBalanceMovements } from '../schema.js';
import { postJournalEntry } from './journal-entries.js';
import type { Transaction } from './transaction.js';

export interface GatewayMovement {
  kind: 'fee' | 'payout';
  gateway: string;
  /** The charge a fee was kept on, or the payout's id: one movement however often reported. */
  gatewayReference: string;
  amount: Money;
  occurredOn: IsoDate;
}

/** Books the movement unless it was booked before; returns whether it was new. */
export async function recordGatewayMovement(tx: Transaction, movement: GatewayMovement): Promise<boolean> {
  if (movement.amount.amountMinor <= 0n) return false;
  const [stored] = await tx
    .insert(gatewayBalanceMovements)
    .values({
      kind: movement.kind,
      gateway: movement.gateway,
      gatewayReference: movement.gatewayReference,
      amountMinor: movement.amount.amountMinor,
      currency: movement.amount.currency,
      occurredOn: movement.occurredOn,
    })
    .onConflictDoNothing()
    .returning({ id: gatewayBalanceMovements.id });
  if (!stored) return false;
  const posting = movement.kind === 'fee' ? gatewayFeePosting(movement.gatewayReference, movement.amount) : gatewayPayoutPosting(movement.gatewayReference, movement.amount);
  await postJournalEntry(tx, posting, { type: movement.kind === 'fee' ? 'gateway_fee' : 'gateway_payout', id: stored.id }, movement.occurredOn);
  return true;
}

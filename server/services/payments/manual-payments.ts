// Payments staff record by hand: a bank transfer, cash or a cheque that reached us outside the card
// gateway. Booked in one transaction (numbered, allocated to the invoice named first and then the
// oldest due, the rest kept as the customer's credit, and handed off to the account's workflow).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parsePlainDecimal } from '../../../billing/decimal-text.js';
import { money } from '../../../billing/money.js';
import { parseDecimalAmount } from '../../../billing/money-decimal.js';
import { businessDateAt } from '../../../billing/payments/business-date.js';
import { MANUAL_PAYMENT_METHODS } from '../../../billing/payments/payment-methods.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { accountFactKey } from '../../../db/records/handoffs.js';
import { recordPayment } from '../../../db/records/payments.js';
import { customers, invoices, payments } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, type FieldProblem } from '../errors.js';
import { deliverCommittedHandoffs } from '../handoffs/deliver-handoffs.js';
import {
  claimIdempotencyKey,
  hashRequest,
  lostRaceForKey,
  recordIdempotentRequest,
  resourceOfEarlierRequest,
  type IdempotencyKey,
  type IdempotentRequest,
} from '../idempotent-requests.js';
import { issueDateProblems } from '../invoices/one-off-invoices.js';
import { calendarDateInput } from '../date-input.js';
import { fieldProblems, required } from '../invoices/item-line-input.js';
import { getPayment, type PaymentDocument } from './payment-records.js';

const RECORD_PAYMENT = 'record-payment';

/**
 * The amount as written, in major units. Its shape is checked here; its decimals and size against
 * the customer's currency once that is known (paymentTerms).
 */
const amountText = z.string(required('must be the amount as a decimal string such as "49.90"')).transform((value, ctx) => {
  const parsed = parsePlainDecimal(value, AMOUNT_TEXT_LIMITS);
  // Canonical ("49.9" for "49.90"), so that a retry written either way is the same request.
  if (parsed.ok) return parsed.value;
  if (parsed.problem !== 'format') return value;
  ctx.addIssue({ code: 'custom', message: 'must be an amount written as a plain decimal such as "49.90", without a currency sign or separators' });
  return z.NEVER;
});

/** Wide enough to canonicalise any amount; longer ones are refused for their size by parseDecimalAmount. */
const AMOUNT_TEXT_LIMITS = { maxIntegerDigits: 40, maxFractionDigits: 40 };


export const newManualPaymentSchema = z
  .object(
    {
      customerId: z.uuid(required('must be the id of a customer')),
      /** In the customer's currency, in major units: "49.90". */
      amount: amountText,
      method: z.enum(MANUAL_PAYMENT_METHODS, required(`must be one of ${MANUAL_PAYMENT_METHODS.join(', ')}`)),
      /** The day the money arrived: not after today, nor before the start of last year. */
      receivedOn: calendarDateInput,
      /** The bank's or payer's reference, the cheque number, the receipt slip. */
      reference: z.string(required('must be text')).trim().min(1, 'is required: the bank reference, cheque number or receipt').max(200, 'must be at most 200 characters'),
      /** The invoice the payer named: paid first, the rest oldest due first. */
      invoiceId: z.uuid('must be the id of an invoice').optional(),
    },
    'must be a JSON object',
  )
  .strict();

type NewManualPayment = z.output<typeof newManualPaymentSchema>;

/** Who asks and how they make their request one request however often it is sent. */
export interface PaymentRequestOrigin {
  /** Where the request came from; it begins the payment's source key. */
  channel: 'api' | 'cli' | 'staff';
  /** Kept on the payment: `staff:<email>`, `api-key:<prefix>`, `cli`. */
  recordedBy: string;
  /** The company's time zone: the received day may not be after today there. */
  timeZone: string;
  /** An API client's `Idempotency-Key`. */
  idempotency?: IdempotencyKey;
  /**
   * The caller's own key for the request, when it has no API key to scope one by (the CLI's
   * --idempotency-key, a staff form's token): a second request under it records nothing new.
   */
  requestKey?: { key: string; field: string };
}

export interface RecordedManualPayment {
  payment: PaymentDocument;
  /** True when an earlier request with the same key had already recorded it. */
  replayed: boolean;
}

/**
 * Records money staff received. Every bad field is named at once and nothing is stored; with a key,
 * a retry (also one sent at the same moment) returns the payment the first request recorded.
 */
export async function recordManualPayment(ctx: ServiceContext, input: unknown, origin: PaymentRequestOrigin): Promise<RecordedManualPayment> {
  const parsed = newManualPaymentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error, 'a payment'));
  const request = parsed.data;
  const keyed: IdempotentRequest | null = origin.idempotency
    ? { key: origin.idempotency, operation: RECORD_PAYMENT, requestHash: hashRequest(request), resourceLabel: 'a new payment' }
    : null;
  const sourceKey = sourceKeyOf(origin);
  const earlier = keyed ? await recordedEarlier(ctx, keyed) : await recordedUnderSourceKey(ctx, sourceKey, request, origin);
  if (earlier) return earlier;

  const terms = await paymentTerms(ctx, request, businessDateAt(Date.now(), origin.timeZone));
  let outcome: { recorded: true; paymentId: string } | { recorded: false; earlierId: string };
  try {
    outcome = await ctx.db.transaction(async (tx) => {
      // The key first: a same-key retry sent at the same moment waits here for the first to commit.
      const earlierId = keyed && (await claimIdempotencyKey(tx, keyed));
      if (earlierId) return { recorded: false, earlierId };
      const recorded = await recordPayment(tx, {
        sourceKey,
        customerId: terms.customerId,
        method: request.method,
        amount: terms.amount,
        receivedOn: request.receivedOn,
        reference: request.reference,
        invoiceId: request.invoiceId ?? null,
        recordedBy: origin.recordedBy,
      });
      if (recorded.alreadyRecorded) return { recorded: false, earlierId: recorded.paymentId };
      if (keyed) await recordIdempotentRequest(tx, keyed, recorded.paymentId);
      return { recorded: true, paymentId: recorded.paymentId };
    });
  } catch (error) {
    // A concurrent request with the same key committed first: ours rolled back with its number.
    const winner = keyed && lostRaceForKey(error)
      ? await recordedEarlier(ctx, keyed)
      : isUniqueViolation(error, 'payments_source_key_unique')
        ? await recordedUnderSourceKey(ctx, sourceKey, request, origin)
        : null;
    if (winner) return winner;
    throw error;
  }
  if (!outcome.recorded) {
    // Recorded meanwhile under the caller's own key: still refused if it was another request.
    const earlierUnderKey = await recordedUnderSourceKey(ctx, sourceKey, request, origin);
    return earlierUnderKey ?? replayed(ctx, outcome.earlierId);
  }
  await deliverPaymentHandoff(ctx, terms.customerId, outcome.paymentId);
  return { payment: await getPayment(ctx, outcome.paymentId), replayed: false };
}

/**
 * What makes the payment one payment in the books (payments.source_key): the API key's
 * Idempotency-Key, the caller's own key, or a new id when the request carries none.
 */
function sourceKeyOf(origin: PaymentRequestOrigin): string {
  // Scoped by the API key, as Idempotency-Keys are: two clients may well pick the same key.
  if (origin.idempotency) return `api:${origin.idempotency.apiKeyId}:${origin.idempotency.key}`;
  return `${origin.channel}:${origin.requestKey?.key ?? randomUUID()}`;
}

/** The customer, the amount in their currency, or every problem with the request at once. */
async function paymentTerms(ctx: ServiceContext, request: NewManualPayment, today: string) {
  const problems: FieldProblem[] = [];
  const [customer] = await ctx.db.select({ id: customers.id, currency: customers.currency }).from(customers).where(eq(customers.id, request.customerId));
  if (!customer) problems.push({ field: 'customerId', message: 'is not the id of a customer' });
  const amount = customer ? parseDecimalAmount(request.amount, customer.currency) : null;
  if (amount && !amount.ok) problems.push({ field: 'amount', message: amount.reason });
  problems.push(...issueDateProblems(request.receivedOn, today).map((problem) => ({ ...problem, field: 'receivedOn' })));
  if (request.invoiceId !== undefined) {
    const [invoice] = await ctx.db
      .select({ customerId: invoices.customerId, currency: invoices.currency, number: invoices.number, status: invoices.status })
      .from(invoices)
      .where(eq(invoices.id, request.invoiceId));
    if (!invoice) problems.push({ field: 'invoiceId', message: 'is not the id of an invoice' });
    else if (customer && invoice.customerId !== customer.id) problems.push({ field: 'invoiceId', message: `is invoice ${invoice.number} of another customer` });
    else if (customer && invoice.currency !== customer.currency) {
      problems.push({ field: 'invoiceId', message: `is invoice ${invoice.number} in ${invoice.currency}, but the customer pays in ${customer.currency}` });
    } else if (invoice.status === 'void') problems.push({ field: 'invoiceId', message: `is invoice ${invoice.number}, which is void` });
  }
  if (problems.length > 0 || !customer || !amount?.ok) throw new ValidationError(problems);
  return { customerId: customer.id, amount: money(amount.amountMinor, customer.currency) };
}

async function recordedEarlier(ctx: ServiceContext, request: IdempotentRequest): Promise<RecordedManualPayment | null> {
  const paymentId = await resourceOfEarlierRequest(ctx, request);
  return paymentId ? replayed(ctx, paymentId) : null;
}

/**
 * The payment an earlier request under the caller's own key recorded, or null. The same key with
 * another request is refused naming the key, as the API refuses a reused Idempotency-Key.
 */
async function recordedUnderSourceKey(
  ctx: ServiceContext,
  sourceKey: string,
  request: NewManualPayment,
  origin: PaymentRequestOrigin,
): Promise<RecordedManualPayment | null> {
  if (!origin.requestKey) return null;
  const [earlier] = await ctx.db.select().from(payments).where(eq(payments.sourceKey, sourceKey));
  if (!earlier) return null;
  const amount = parseDecimalAmount(request.amount, earlier.currency);
  const same =
    earlier.customerId === request.customerId &&
    amount.ok &&
    amount.amountMinor === earlier.amountMinor &&
    earlier.method === request.method &&
    earlier.receivedOn === request.receivedOn &&
    earlier.reference === request.reference;
  if (!same) {
    throw new ValidationError([
      { field: origin.requestKey.field, message: `was already used to record payment ${earlier.number}; use a new key for a new payment` },
    ]);
  }
  return replayed(ctx, earlier.id);
}

async function replayed(ctx: ServiceContext, paymentId: string): Promise<RecordedManualPayment> {
  const payment = await getPayment(ctx, paymentId);
  // The first request may have died between its commit and delivering its hand-off.
  if (payment.customerId) await deliverPaymentHandoff(ctx, payment.customerId, payment.id);
  return { payment, replayed: true };
}

function deliverPaymentHandoff(ctx: ServiceContext, customerId: string, paymentId: string): Promise<void> {
  return deliverCommittedHandoffs(ctx, [accountFactKey(customerId, { kind: 'payment-received', paymentId })]);
}

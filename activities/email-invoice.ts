import { ApplicationFailure } from '@temporalio/common';
import { asc, eq } from 'drizzle-orm';
import { formatMoney, money } from '../billing/money.js';
import { businessDateAt } from '../billing/payments/business-date.js';
import { invoiceStanding, invoiceTermsDays, standingInWords } from '../billing/payments/invoice-standing.js';
import { termsLabel } from '../billing/payments/payment-terms.js';
import { lastDayOfPeriod } from '../billing/periods.js';
import { netOfTax } from '../billing/tax.js';
import { customers, invoiceLines, invoices } from '../db/schema.js';
import { renderInvoiceEmail, type InvoiceEmailLine } from '../emails/render-invoice-email.js';
import { formatDisplayDate } from '../emails/format-date.js';
import { invoiceBalance } from '../db/records/invoice-balances.js';
import { customerBalance } from '../db/records/receivables.js';
import type { ActivityDeps } from './deps.js';
import { sendRecordedEmail, type SentEmail } from '../db/records/recorded-email.js';

/** Emails an issued invoice to its customer, once per invoice whatever the retries. */
export async function emailInvoice(deps: ActivityDeps, invoiceId: string): Promise<SentEmail> {
  const [invoice] = await deps.db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw ApplicationFailure.nonRetryable(`invoice ${invoiceId} does not exist`, 'NotFound');
  const [customer] = await deps.db.select().from(customers).where(eq(customers.id, invoice.customerId));
  if (!customer) throw ApplicationFailure.nonRetryable(`customer ${invoice.customerId} does not exist`, 'NotFound');

  return sendRecordedEmail(deps, {
    kind: 'invoice-issued',
    entityType: 'invoice',
    entityId: invoice.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `invoice-issued/${invoice.id}`,
    async render() {
      const lines = await deps.db
        .select()
        .from(invoiceLines)
        .where(eq(invoiceLines.invoiceId, invoice.id))
        .orderBy(asc(invoiceLines.position));
      const balance = await customerBalance(deps.db, customer.id, invoice.currency);
      // As it stands when sent: credit may have paid some of it, and a period billed late may be
      // past its due date already (counted in the company's days).
      const open = await invoiceBalance(deps.db, invoice.id);
      const today = businessDateAt(Date.now(), deps.timeZone);
      return renderInvoiceEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        invoiceNumber: invoice.number,
        issueDate: formatDisplayDate(invoice.issueDate),
        // The due date stored when the invoice was issued, and the terms that gave it.
        dueDate: formatDisplayDate(invoice.dueDate),
        terms: termsLabel(invoiceTermsDays(invoice.issueDate, invoice.dueDate)),
        paymentStatus: open ? standingInWords(invoiceStanding(open, today), money(open.openMinor, open.currency)) : 'Void',
        // Periods are stored half-open; customers read the last day they are billed for.
        period:
          invoice.periodStart && invoice.periodEnd
            ? {
                start: formatDisplayDate(invoice.periodStart),
                end: formatDisplayDate(lastDayOfPeriod({ start: invoice.periodStart, end: invoice.periodEnd })),
              }
            : null,
        lines: lines.map((line) => emailLine(line, invoice.currency)),
        taxSummary:
          invoice.taxMinor === 0n
            ? null
            : {
                net: formatMoney(netOfTax(money(invoice.totalMinor, invoice.currency), money(invoice.taxMinor, invoice.currency))),
                tax: formatMoney(money(invoice.taxMinor, invoice.currency)),
              },
        total: formatMoney(money(invoice.totalMinor, invoice.currency)),
        balance: formatMoney(balance),
        // The invoice's own page: its Pay now button is one click away (after signing in, if needed).
        portalUrl: `${deps.portalUrl}/account/invoices/${invoice.id}`,
      });
    },
  });
}

/** A usage line shows its quantity and unit; an item line its quantity × unit price and its tax. */
function emailLine(line: typeof invoiceLines.$inferSelect, currency: string): InvoiceEmailLine {
  const amount = formatMoney(money(line.amountMinor, currency));
  if (line.kind !== 'item') {
    return { description: line.unit ? `${line.description} — ${line.quantity} ${line.unit}` : line.description, amount };
  }
  const unitPrice = line.unitAmountMinor === null ? '' : ` × ${formatMoney(money(line.unitAmountMinor, currency))}`;
  const tax = line.taxMinor === 0n ? undefined : `${line.taxRate ?? '0'}% tax: ${formatMoney(money(line.taxMinor, currency))}`;
  return { description: `${line.description} — ${line.quantity}${unitPrice}`, amount, ...(tax ? { tax } : {}) };
}

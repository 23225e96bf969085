// The email that tells a customer their service was suspended for non-payment: since when, why
// (the unpaid invoices), what to pay to have it back, and that it comes back as soon as the
// payment reaches us.
import type { IsoDate } from '../billing/calendar.js';
import { formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { overdueSummary, requireBase, requireOwed, stillUnpaidWords, type CollectionsEmailBase, type OverdueInvoice } from './collections-parts.js';
import { formatDisplayDate } from './format-date.js';
import type { RenderedEmail } from './rendered-email.js';

export interface ServiceSuspendedEmailData extends CollectionsEmailBase {
  suspendedOn: IsoDate;
  /** The unpaid invoices the service was suspended for; at least one, one currency. */
  overdueInvoices: OverdueInvoice[];
  /** What the customer pays to have the service restored, as the policy sets it (the overdue amount, or the whole balance). */
  amountToRestore: Money;
}

const caller = 'renderServiceSuspendedEmail';

/** Card payments in the portal are known at once; a transfer only when the bank reports it. */
const comesBack =
  'Your service comes back as soon as we receive your payment: at once when you pay by card in the customer portal. A bank transfer counts when it reaches us, which can take a few business days.';

export async function renderServiceSuspendedEmail(data: ServiceSuspendedEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  const overdue = overdueSummary(data.overdueInvoices, caller);
  requireOwed(data.amountToRestore, 'amountToRestore', caller, overdue.total.currency);
  const toRestore = formatMoney(data.amountToRestore);
  const suspendedOn = formatDisplayDate(data.suspendedOn);
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Suspended on', value: suspendedOn },
    { label: 'Overdue', value: overdue.totalText },
    { label: 'To pay to restore service', value: toRestore },
  ];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  return renderTemplatePair('service-suspended', oneLine(`Service suspended on account ${data.accountReference}: ${toRestore} to pay`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      intro: `We suspended your internet service on ${suspendedOn}. ${stillUnpaidWords(data.overdueInvoices, overdue)}: ${overdue.totalText} is overdue on your account.`,
      restore: `To restore your service, please pay ${toRestore} in the customer portal.`,
      comesBack,
      alreadyPaid: 'If you have paid in the last few days, thank you: your service comes back as soon as the payment reaches us.',
    },
    html: { factRows: factRowsHtml(facts), invoiceRows: itemRowsHtml(overdue.rows, overdue.totalRow), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), invoiceLines: itemLinesText(overdue.rows, overdue.totalRow), linkLines: linkLinesText(links) },
  });
}

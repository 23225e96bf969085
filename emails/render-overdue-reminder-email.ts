// The first, friendly email of collections: which invoices are past their due date, what is
// overdue in all, and where to pay. It threatens nothing; the warning and final notice do that.
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { alreadyPaidSentence, overdueSummary, requireBase, type CollectionsEmailBase, type OverdueInvoice } from './collections-parts.js';
import { formatDisplayDate } from './format-date.js';
import type { RenderedEmail } from './rendered-email.js';

export interface OverdueReminderEmailData extends CollectionsEmailBase {
  /** The invoices past their due date with what is still open on each; at least one, one currency. */
  overdueInvoices: OverdueInvoice[];
}

const caller = 'renderOverdueReminderEmail';

export async function renderOverdueReminderEmail(data: OverdueReminderEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  const overdue = overdueSummary(data.overdueInvoices, caller);
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Overdue', value: overdue.totalText },
  ];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  return renderTemplatePair('overdue-reminder', subjectOf(data), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      intro: introOf(data, overdue.totalText, overdue.invoiceWords),
      nextStep: `Please pay ${overdue.totalText} at your earliest convenience. You can pay now in the customer portal.`,
      alreadyPaid: alreadyPaidSentence,
    },
    html: { factRows: factRowsHtml(facts), invoiceRows: itemRowsHtml(overdue.rows, overdue.totalRow), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), invoiceLines: itemLinesText(overdue.rows, overdue.totalRow), linkLines: linkLinesText(links) },
  });
}

function subjectOf({ overdueInvoices }: OverdueReminderEmailData): string {
  const [only] = overdueInvoices;
  if (overdueInvoices.length === 1 && only) return oneLine(`Reminder: invoice ${only.invoiceNumber} is overdue`);
  return `Reminder: ${overdueInvoices.length} invoices are overdue`;
}

function introOf({ overdueInvoices }: OverdueReminderEmailData, total: string, invoiceWords: string): string {
  const [only] = overdueInvoices;
  if (overdueInvoices.length === 1 && only) {
    return `This is a friendly reminder that ${invoiceWords} for ${total} was due on ${formatDisplayDate(only.dueOn)} and has not been paid yet.`;
  }
  return `This is a friendly reminder that ${invoiceWords} are past their due date and have not been paid yet: ${total} is overdue in all.`;
}

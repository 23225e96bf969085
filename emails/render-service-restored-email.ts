// The email that tells a customer their service is back after a suspension or restriction: thanks
// for the payment that did it, when the service came back, and whether anything is still overdue.
import type { IsoDate } from '../billing/calendar.js';
import { formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { requireBase, requireLink, requireMoney, requireOwed, type CollectionsEmailBase } from './collections-parts.js';
import { formatDisplayDate } from './format-date.js';
import type { RenderedEmail } from './rendered-email.js';

export interface ServiceRestoredEmailData extends CollectionsEmailBase {
  restoredOn: IsoDate;
  /** The payment that brought the service back. */
  payment: { amount: Money; receivedOn: IsoDate };
  /** What is still overdue after that payment, in the payment's currency; zero when nothing is. */
  stillOverdue: Money;
  /** The customer portal's account page, offered instead of Pay now when nothing is left to pay. */
  accountUrl: string;
}

const caller = 'renderServiceRestoredEmail';

export async function renderServiceRestoredEmail(data: ServiceRestoredEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  requireLink(data.accountUrl, 'accountUrl', caller);
  requireOwed(data.payment?.amount, 'payment.amount', caller);
  requireMoney(data.stillOverdue, 'stillOverdue', caller, data.payment.amount.currency);
  const paid = formatMoney(data.payment.amount);
  const receivedOn = formatDisplayDate(data.payment.receivedOn);
  const restoredOn = formatDisplayDate(data.restoredOn);
  const owes = data.stillOverdue.amountMinor > 0n;
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Payment received', value: `${paid} on ${receivedOn}` },
    { label: 'Service restored on', value: restoredOn },
    { label: 'Still overdue', value: owes ? formatMoney(data.stillOverdue) : 'Nothing' },
  ];
  const links = owes ? [{ label: 'Pay now', url: data.payNowUrl }] : [{ label: 'View your account', url: data.accountUrl }];
  const when = receivedOn === restoredOn ? 'the same day' : `on ${restoredOn}`;
  return renderTemplatePair('service-restored', oneLine(`Service restored on account ${data.accountReference}: thank you for your payment`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      intro: `Thank you: we received your payment of ${paid} on ${receivedOn}, and restored your internet service ${when}. It works as usual again.`,
      routerTip: 'If your connection does not come back within a few minutes, please restart your router.',
      balance: owes
        ? `${formatMoney(data.stillOverdue)} is still overdue on your account. Please pay it soon so that your service keeps running.`
        : 'Nothing is overdue on your account now.',
    },
    html: { factRows: factRowsHtml(facts), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), linkLines: linkLinesText(links) },
  });
}

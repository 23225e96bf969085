// The email that tells a customer their balance went above the alert amount they (or staff, for
// their account) set: the balance, the alert amount, how much of it is overdue, and where to pay.
import type { IsoDate } from '../billing/calendar.js';
import { compareMoney, formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { requireBase, requireMoney, requireOwed, type CollectionsEmailBase } from './collections-parts.js';
import { formatDisplayDate } from './format-date.js';
import type { RenderedEmail } from './rendered-email.js';

export interface BalanceAlertEmailData extends CollectionsEmailBase {
  /** The day the balance was measured. */
  asOf: IsoDate;
  /** What the account owes in all, due or not; above `threshold`. */
  balance: Money;
  /** The alert amount, in the balance's currency. */
  threshold: Money;
  /** Who set the alert amount: the customer, or staff for the account. */
  setBy: 'customer' | 'staff';
  /** The part of the balance past its due date; zero when none is. */
  overdue: Money;
}

const caller = 'renderBalanceAlertEmail';

export async function renderBalanceAlertEmail(data: BalanceAlertEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  requireAmounts(data);
  const balance = formatMoney(data.balance);
  const threshold = formatMoney(data.threshold);
  const owesOverdue = data.overdue.amountMinor > 0n;
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Balance', value: balance },
    { label: 'Alert amount', value: threshold },
    { label: 'Overdue', value: owesOverdue ? formatMoney(data.overdue) : 'Nothing' },
  ];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  const setBy = data.setBy === 'customer' ? 'the alert amount you set' : 'the alert amount set for your account';
  return renderTemplatePair('balance-alert', oneLine(`Balance alert: your balance is ${balance}, above ${threshold}`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      intro: `On ${formatDisplayDate(data.asOf)}, the balance of your account reached ${balance}. That is above ${threshold}, ${setBy}.`,
      nextStep: owesOverdue
        ? `${formatMoney(data.overdue)} of it is overdue: please pay that now in the customer portal.`
        : 'None of it is overdue. You can pay now in the customer portal to bring your balance down, or pay each invoice by its due date.',
      changeAlert: 'To change the alert amount, reply to this email.',
    },
    html: { factRows: factRowsHtml(facts), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), linkLines: linkLinesText(links) },
  });
}

function requireAmounts({ balance, threshold, overdue, setBy }: BalanceAlertEmailData): void {
  requireOwed(threshold, 'threshold', caller);
  requireOwed(balance, 'balance', caller, threshold.currency);
  requireMoney(overdue, 'overdue', caller, threshold.currency);
  if (compareMoney(balance, threshold) <= 0) throw new Error(`${caller}: balance must be above threshold, or there is nothing to alert about`);
  if (compareMoney(overdue, balance) > 0) throw new Error(`${caller}: overdue must not be more than balance, of which it is a part`);
  if (setBy !== 'customer' && setBy !== 'staff') throw new Error(`${caller}: setBy must be customer or staff, got ${JSON.stringify(setBy)}`);
}

// The email that warns a customer, ahead of time, that the card their bills are charged to expires.
import { buttonRowsHtml, factLinesText, factRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { cardInWords, cardLabel, inDays, type CardOnFile } from './payment-words.js';
import type { RenderedEmail } from './rendered-email.js';

export interface CardExpiringEmailData {
  companyName: string;
  customerName: string;
  /** The saved card, with the month (1–12) and year printed on it. */
  card: CardOnFile & { expMonth: number; expYear: number };
  /** Days from today to the card's last valid day: 30 → "expires in 30 days". */
  daysUntilExpiry: number;
  updateCardUrl: string;
}

export async function renderCardExpiringEmail(data: CardExpiringEmailData): Promise<RenderedEmail> {
  const card = cardInWords(data.card);
  const when = inDays(data.daysUntilExpiry);
  const facts = [
    { label: 'Card', value: cardLabel(data.card) },
    { label: 'Expiry date', value: expiryAsPrinted(data.card) },
  ];
  const links = [{ label: 'Update card', url: data.updateCardUrl }];
  return renderTemplatePair('card-notice', oneLine(`Your ${card} expires ${when}`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      heading: `Your card expires ${when}`,
      intro: `Your ${card}, which pays your bills with ${data.companyName} automatically, expires ${when}.`,
      nextStep: 'Please update your card before then so that your next payments go through.',
    },
    html: { factRows: factRowsHtml(facts), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), linkLines: linkLinesText(links) },
  });
}

/** As the card shows it: month 3 of 2026 → "03/2026". */
function expiryAsPrinted({ expMonth, expYear }: { expMonth: number; expYear: number }): string {
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(expYear) || expYear < 1000 || expYear > 9999) {
    throw new Error(`renderCardExpiringEmail: expected an expiry month 1–12 and a four-digit year, got ${expMonth}/${expYear}`);
  }
  return `${String(expMonth).padStart(2, '0')}/${expYear}`;
}

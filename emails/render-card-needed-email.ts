// The email that asks for a card when automatic payment is on but there is no card it can charge:
// none was ever saved, or the saved one has expired.
import { formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { cardInWords, cardLabel, type CardOnFile } from './payment-words.js';
import type { RenderedEmail } from './rendered-email.js';

export type MissingCard = { kind: 'none_saved' } | { kind: 'expired'; card: CardOnFile };

export interface CardNeededEmailData {
  companyName: string;
  customerName: string;
  missingCard: MissingCard;
  /** What the account owes now; null (or zero) when nothing is open. */
  openAmount: Money | null;
  addCardUrl: string;
}

export async function renderCardNeededEmail(data: CardNeededEmailData): Promise<RenderedEmail> {
  const { missingCard, openAmount } = data;
  const owes = openAmount !== null && openAmount.amountMinor > 0n;
  const facts = [
    { label: 'Automatic payment', value: 'On' },
    { label: 'Card', value: missingCard.kind === 'expired' ? `${cardLabel(missingCard.card)}, expired` : 'None saved' },
    ...(owes ? [{ label: 'Open amount', value: formatMoney(openAmount) }] : []),
  ];
  const links = [{ label: 'Add a card', url: data.addCardUrl }];
  const noCard = missingCard.kind === 'expired' ? `your ${cardInWords(missingCard.card)} has expired` : 'there is no card saved to charge';
  return renderTemplatePair('card-notice', oneLine(`Please add a card for automatic payment to ${data.companyName}`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      heading: 'Please add a card',
      intro: `Automatic payment is on for your account with ${data.companyName}, but ${noCard}.`,
      nextStep: owes
        ? `Please add a card so that we can collect your payments. ${formatMoney(openAmount)} is open on your account now.`
        : 'Please add a card so that we can collect your next payments.',
    },
    html: { factRows: factRowsHtml(facts), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), linkLines: linkLinesText(links) },
  });
}

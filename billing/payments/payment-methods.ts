// How money reached us. Card payments come through the gateway; the rest staff record.
export const PAYMENT_METHODS = ['card', 'bank_transfer', 'cash', 'cheque'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The methods staff record by hand (a card payment is only ever the gateway's). */
export const MANUAL_PAYMENT_METHODS = ['bank_transfer', 'cash', 'cheque'] as const satisfies readonly PaymentMethod[];
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  card: 'Card',
  bank_transfer: 'Bank transfer',
  cash: 'Cash',
  cheque: 'Cheque',
};

/** Card networks as customers know them, by the gateway's brand code. */
const BRAND_NAMES: Readonly<Record<string, string>> = {
  amex: 'American Express',
  cartes_bancaires: 'Cartes Bancaires',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'eftpos',
  jcb: 'JCB',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

/** 'visa' → 'Visa'; a code we do not know → null (say "card"). */
export function cardBrandName(brand: string | null | undefined): string | null {
  return brand && Object.hasOwn(BRAND_NAMES, brand) ? BRAND_NAMES[brand]! : null;
}

/** "Visa ending 4242" for a card payment, the method's name otherwise. */
export function paymentMethodLabel(method: PaymentMethod, card?: { brand: string | null; last4: string | null }): string {
  if (method === 'card' && card?.last4) return `${cardBrandName(card.brand) ?? 'Card'} ending ${card.last4}`;
  return PAYMENT_METHOD_LABELS[method];
}

// The staff customer page's cards and autopay: the cards as the panel shows them, and the autopay
// form's action (a refusal is shown in the panel, under its own key).
import { data } from '@remix-run/node';
import { cardBrandName } from '../../billing/payments/payment-methods.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ConflictError } from '../../server/services/errors.js';
import { changeCustomerAutopay, customerCards } from '../../server/services/payments/customer-cards.js';
import { businessToday } from './business-today.server.js';
import type { CustomerCardsView } from './cards-autopay-panel.js';
import { formatDateTime } from './format.js';

export const AUTOPAY_INTENT = 'autopay';

export async function customerCardsView(ctx: ServiceContext, customerId: string, settings: { timeZone: string }): Promise<CustomerCardsView> {
  const { autopay, cards } = await customerCards(ctx, customerId, businessToday(settings));
  return {
    autopay,
    canTurnOn: cards.some((card) => card.isDefault && !card.expired),
    cards: cards.map((card) => ({
      id: card.id,
      brand: cardBrandName(card.brand) ?? 'Card',
      last4: card.last4,
      expiry: `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`,
      isDefault: card.isDefault,
      expired: card.expired,
      savedAt: formatDateTime(card.createdAt, settings.timeZone),
    })),
  };
}

export async function autopayAction(ctx: ServiceContext, customerId: string, form: FormData, settings: { timeZone: string }) {
  const on = form.get('autopay') === 'on';
  try {
    const result = await changeCustomerAutopay(ctx, customerId, on, businessToday(settings));
    const notice = on ? 'Autopay is on: each invoice is charged to the default card when it is issued.' : 'Autopay is off: the customer pays each invoice themselves.';
    return { ok: true as const, notice: result.changed ? notice : `${notice} (It already was.)` };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return { ok: false as const, response: data({ errors: { autopay: error.message } as Record<string, string> }, { status: 409 }) };
  }
}

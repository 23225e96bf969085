// The pages Stripe hosts for the customer, served by the stand-in itself: the card page of a
// Checkout Session (GET/POST /checkout/<cs_id>) and the bank's 3-D Secure page of a PaymentIntent
// (GET/POST /authenticate/<pi_id>). Card numbers typed here are never echoed back, stored or logged.
import { formatMoney } from '../../billing/money.js';
import { fromStripeAmount } from '../stripe-amounts.js';
import { completeCheckout, expireIfDue, successUrlOf } from './checkout.js';
import { StandInError } from './errors.js';
import { NO_REQUEST } from './events.js';
import { escapeHtml, page, redirect, type PageAnswer } from './html.js';
import type { CheckoutSessionObject, PaymentIntentObject } from './objects.js';
import { finishAuthentication } from './payment-intents.js';
import type { StandInState } from './state.js';

const TEST_MODE_CARD_LINE = 'Test mode: use 4242 4242 4242 4242, any future expiry date (MM/YY) and any 3-digit CVC.';

export function checkoutPage(state: StandInState, sessionId: string): PageAnswer {
  const session = findSession(state, sessionId);
  if (!session) return notFound();
  expireIfDue(session);
  if (session.status === 'complete') return redirect(successUrlOf(session));
  if (session.status === 'expired') return expiredPage(session);
  return cardForm(state, session, null, 200);
}

/** The form's POST: fields `number`, `expiry` (MM/YY) and `cvc`. */
export function submitCard(state: StandInState, sessionId: string, form: URLSearchParams): PageAnswer {
  const session = findSession(state, sessionId);
  if (!session) return notFound();
  expireIfDue(session);
  // A second submit (back button, double click) lands where the first did.
  if (session.status === 'complete') return redirect(successUrlOf(session));
  if (session.status === 'expired') return expiredPage(session);
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(form.get('expiry') ?? '');
  if (!expiry) return cardForm(state, session, 'Your card’s expiration date is incomplete: enter it as MM/YY.', 422);
  const year = Number(expiry[2]!.length === 2 ? `20${expiry[2]}` : expiry[2]);
  try {
    completeCheckout(state, session, { number: form.get('number') ?? '', expMonth: Number(expiry[1]), expYear: year, cvc: (form.get('cvc') ?? '').trim() });
  } catch (error) {
    if (error instanceof StandInError) return cardForm(state, session, error.message, error.status);
    throw error;
  }
  return redirect(successUrlOf(session));
}

export function authenticationPage(state: StandInState, intentId: string): PageAnswer {
  const intent = findIntent(state, intentId);
  if (!intent) return notFound();
  if (intent.status !== 'requires_action') return afterAuthentication(intent, null);
  const amount = formatMoney(fromStripeAmount(intent.amount, intent.currency));
  const action = `/authenticate/${encodeURIComponent(intent.id)}`;
  return page(
    'Confirm your payment',
    `<p class="test-mode">Test mode: this page stands in for your bank’s 3-D Secure check.</p>
<h1>Confirm your payment</h1>
<p>Your bank asks you to confirm this payment${intent.description ? ` for ${escapeHtml(intent.description)}` : ''}:</p>
<p class="amount">${escapeHtml(amount)}</p>
<form method="post" action="${action}">
<input type="hidden" name="result" value="complete">
<button type="submit">Complete</button>
</form>
<form method="post" action="${action}">
<input type="hidden" name="result" value="fail">
<button type="submit" class="secondary">Fail</button>
</form>`,
  );
}

/** The form's POST: `result` is `complete` or `fail`. */
export function submitAuthentication(state: StandInState, intentId: string, form: URLSearchParams): PageAnswer {
  const intent = findIntent(state, intentId);
  if (!intent) return notFound();
  const result = form.get('result');
  if (result !== 'complete' && result !== 'fail') return page('Confirm your payment', '<p class="error" role="alert">Choose Complete or Fail.</p>', 422);
  // A second submit (back button) finds the intent settled and no way back: it shows how it ended.
  const returnUrl = intent.status === 'requires_action' ? intent.next_action?.redirect_to_url.return_url ?? null : null;
  finishAuthentication(state, intent, result === 'complete', NO_REQUEST);
  return afterAuthentication(intent, returnUrl);
}

/** Back to the return_url with Stripe's query (payment_intent, its client secret, redirect_status), or a page saying how it ended. */
function afterAuthentication(intent: PaymentIntentObject, returnUrl: string | null): PageAnswer {
  const succeeded = intent.status === 'succeeded';
  if (returnUrl) {
    const url = new URL(returnUrl);
    url.searchParams.set('payment_intent', intent.id);
    url.searchParams.set('payment_intent_client_secret', intent.client_secret);
    url.searchParams.set('redirect_status', succeeded ? 'succeeded' : 'failed');
    return redirect(url.toString());
  }
  return page(
    succeeded ? 'Payment confirmed' : 'Payment not confirmed',
    `<h1>${succeeded ? 'Payment confirmed' : 'Payment not confirmed'}</h1><p>You can close this page.</p>`,
  );
}

function cardForm(state: StandInState, session: CheckoutSessionObject, error: string | null, status: number): PageAnswer {
  const customer = state.store.get(session.customer, 'customer');
  const who = customer.name ?? customer.email;
  return page(
    'Save a card',
    `<p class="test-mode">${escapeHtml(TEST_MODE_CARD_LINE)}</p>
<h1>Save a card</h1>
<p>${who ? `For ${escapeHtml(who)}. ` : ''}The card is kept by the payment provider and charged for your invoices when they fall due.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/${encodeURIComponent(session.id)}">
<label for="number">Card number</label>
<input id="number" name="number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required>
<div class="row">
<div><label for="expiry">Expiry (MM/YY)</label>
<input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" required></div>
<div><label for="cvc">CVC</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required></div>
</div>
<button type="submit">Save card</button>
</form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : ''}`,
    status,
  );
}

function expiredPage(session: CheckoutSessionObject): PageAnswer {
  return page(
    'Page expired',
    `<h1>This page has expired</h1><p>Start again from where you came.</p>${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Go back</a></p>` : ''}`,
    410,
  );
}

function notFound(): PageAnswer {
  return page('Not found', '<h1>Not found</h1><p>There is no such page.</p>', 404);
}

function findSession(state: StandInState, id: string): CheckoutSessionObject | null {
  try {
    return state.store.get(id, 'checkout.session');
  } catch {
    return null;
  }
}

function findIntent(state: StandInState, id: string): PaymentIntentObject | null {
  try {
    return state.store.get(id, 'payment_intent');
  } catch {
    return null;
  }
}

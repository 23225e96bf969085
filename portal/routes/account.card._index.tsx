// The customer's card: the one on file (brand, last four, expiry; "expired" once past), a button
// to add or replace it on the payment provider's own page (the card number never reaches us), and
// autopay on or off.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { paymentMethodLabel } from '../../billing/payments/payment-methods.js';
import { startCardSetup } from '../../server/services/card-payments/card-setup.js';
import { cardPaymentDeps, customerCard, setCustomerAutopay, withGateway } from '../../server/services/card-payments/customer-card.js';
import { customerAction, requireCustomer } from '../auth/customer-session.server.js';
import { businessToday } from '../ui/business-today.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Your card' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const { card, autopay } = await customerCard(args.context.services, customer.id, businessToday(args.context.settings));
  return { autopay, card: card ? { ...card, label: paymentMethodLabel('card', card) } : null };
}

export async function action(args: ActionFunctionArgs) {
  const { customer, form } = await customerAction(args);
  const { services, settings } = args.context;
  const intent = form.get('intent');
  if (intent === 'autopay-on' || intent === 'autopay-off') {
    if (intent === 'autopay-on') {
      const { card } = await customerCard(services, customer.id, businessToday(settings));
      if (!card || card.expired) return { errors: { form: 'Add a card first: autopay charges your card on file.' } as Record<string, string> };
    }
    await setCustomerAutopay(services, customer.id, intent === 'autopay-on');
    return redirect('/account/card', 303);
  }
  if (intent !== 'add-card') return { errors: { form: 'Choose one of the buttons on the page.' } as Record<string, string> };
  const started = await withFormErrors(() =>
    withGateway(() =>
      startCardSetup(cardPaymentDeps(services, settings.timeZone), customer.id, {
        successUrl: `${settings.portalUrl}/account/card/saved?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${settings.portalUrl}/account/card`,
      }),
    ),
  );
  if (!started.ok) return started.response;
  // The provider's page, on its own origin: the card is typed there.
  return redirect(started.value, 303);
}

export default function CustomerCardPage() {
  const { card, autopay } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const formError = result && 'errors' in result ? result.errors.form : undefined;
  return (
    <>
      <PageHeader title="Your card" subtitle="The card your invoices are paid with" />
      {search.get('for') === 'pay' ? (
        <p className="notice" role="status">
          {card?.expired ? 'Your card has expired. Add a new card to pay with, then pay.' : 'Add a card to pay with first; then you can pay.'}{' '}
          <Link to="/account/pay">Back to paying</Link>
        </p>
      ) : null}
      {formError ? (
        <p className="warning" role="alert">
          {formError}
        </p>
      ) : null}
      <section className="panel">
        <h2>Card on file</h2>
        {card ? (
          <dl className="facts card-on-file">
            <dt>Card</dt>
            <dd>
              {card.label}
            </dd>
            <dt>Expires</dt>
            <dd>
              {`${String(card.expMonth).padStart(2, '0')}/${card.expYear}`}
              {card.expired ? (
                <>
                  {' '}
                  <strong className="card-expired">expired</strong>
                </>
              ) : null}
            </dd>
          </dl>
        ) : (
          <p className="hint">No card is on file.</p>
        )}
        <Form method="post" className="inline-form">
          <CsrfField />
          <button type="submit" name="intent" value="add-card">
            {card ? 'Replace card' : 'Add a card'}
          </button>
        </Form>
        <p className="hint">You type the card on our payment provider’s secure page; we only keep its brand, last four digits and expiry.</p>
      </section>
      <section className="panel">
        <h2>Autopay</h2>
        <p>
          {autopay
            ? 'Autopay is on: each invoice is charged to your card when it is issued.'
            : 'Autopay is off: you pay each invoice yourself.'}
        </p>
        <Form method="post" className="inline-form">
          <CsrfField />
          {autopay ? (
            <button type="submit" name="intent" value="autopay-off" className="secondary">
              Turn autopay off
            </button>
          ) : (
            <button type="submit" name="intent" value="autopay-on" disabled={!card || card.expired}>
              Turn autopay on
            </button>
          )}
        </Form>
        {!autopay && (!card || card.expired) ? <p className="hint">Add a card first to turn autopay on.</p> : null}
      </section>
    </>
  );
}

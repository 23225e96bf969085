// Where the payment provider's page sends the customer back after saving a card: the session is
// read at the provider and its card saved (the webhook may have saved it already; then this finds
// it saved), and the page says so in one sentence.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { paymentMethodLabel } from '../../billing/payments/payment-methods.js';
import { completeCardSetup } from '../../server/services/card-payments/card-setup.js';
import { cardPaymentDeps, withGateway } from '../../server/services/card-payments/customer-card.js';
import { ServiceUnavailableError } from '../../server/services/errors.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Your card' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const sessionId = new URL(args.request.url).searchParams.get('session_id');
  if (!sessionId) throw redirect('/account/card');
  const { services, settings } = args.context;
  try {
    const result = await withGateway(() => completeCardSetup(cardPaymentDeps(services, settings.timeZone), customer.id, sessionId));
    if (result.saved) return { saved: true as const, message: `Your card ${paymentMethodLabel('card', result.card)} is saved. We charge it for your invoices from now on.` };
    return {
      saved: false as const,
      message:
        result.reason === 'not-finished'
          ? 'The card was not saved: the card page was not finished. Add the card again.'
          : 'This card page belongs to another account, so nothing was saved here.',
    };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { saved: false as const, message: `${error.message} Then reload this page to finish saving your card.` };
    // A session id the provider does not know (a mistyped or edited address).
    if (error instanceof Error && error.name === 'GatewayRequestError') return { saved: false as const, message: 'Our payment provider does not know this card page. Add the card again.' };
    throw error;
  }
}

export default function CardSavedPage() {
  const { saved, message } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={saved ? 'Card saved' : 'Card not saved'} />
      <p className={saved ? 'notice' : 'warning'} role={saved ? 'status' : 'alert'}>
        {message}
      </p>
      <p>
        <Link to="/account/card">Your card</Link> · <Link to="/account/pay">Pay what is open</Link>
      </p>
    </>
  );
}

// Where the bank's confirmation page (3-D Secure) sends the customer back: the attempt is settled
// by asking the gateway how it ended, then the customer sees its result page.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { cardPaymentDeps, withGateway } from '../../server/services/card-payments/customer-card.js';
import { settleReturnedAttempt } from '../../server/services/card-payments/settle-returned-attempt.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const intentId = new URL(args.request.url).searchParams.get('payment_intent') ?? '';
  const { services, settings } = args.context;
  const result = await notFoundAs404(() => withGateway(() => settleReturnedAttempt(cardPaymentDeps(services, settings.timeZone), customer.id, intentId)));
  throw redirect(`/account/pay/result/${result.attemptId}`, 303);
}

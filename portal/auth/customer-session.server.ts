// Customer sign-in state: a signed session cookie (its own, apart from staff sessions) naming the
// customer and when they signed in. Every /account loader calls `requireCustomer`; every /account
// action calls `customerAction`, which also checks the CSRF token.
import { redirect, type AppLoadContext } from '@remix-run/node';
import { accountPath, endCustomerSessions, findSignedInCustomer, type SignedInCustomer } from '../../server/services/access/customer-sign-in.js';
import { assertStorableForm } from '../ui/form-fields.server.js';
import { assertCsrf } from './csrf.server.js';

interface RequestArgs {
  request: Request;
  context: AppLoadContext;
}

function customerSession({ request, context }: RequestArgs) {
  return context.customerSessions.getSession(request.headers.get('Cookie'));
}

export async function currentCustomer(args: RequestArgs): Promise<SignedInCustomer | null> {
  const session = await customerSession(args);
  const customerId = session.get('customerId');
  const signedInAt = session.get('signedInAt');
  return customerId && signedInAt ? findSignedInCustomer(args.context.services, customerId, new Date(signedInAt)) : null;
}

/** Where to send someone who must sign in first, landing on this page afterwards (a quote an email linked to). */
export function customerSignInUrl(request: Request): string {
  const { pathname } = new URL(request.url);
  const next = accountPath(pathname);
  return next && next !== '/account' ? `/sign-in?${new URLSearchParams({ redirectTo: next })}` : '/sign-in';
}

export async function requireCustomer(args: RequestArgs): Promise<SignedInCustomer> {
  const customer = await currentCustomer(args);
  if (!customer) throw redirect(customerSignInUrl(args.request));
  return customer;
}

/** Starts a session for a customer who just used a sign-in link; returns its cookie. */
export async function startCustomerSession(args: RequestArgs, customerId: string): Promise<string> {
  const session = await args.context.customerSessions.getSession();
  session.set('customerId', customerId);
  session.set('signedInAt', Date.now());
  return args.context.customerSessions.commitSession(session);
}

/** Ends the customer's sessions everywhere (not only in this browser) and returns the cookie that clears it. */
export async function endCustomerSession(args: RequestArgs): Promise<string> {
  const session = await customerSession(args);
  const customer = await currentCustomer(args);
  if (customer) await endCustomerSessions(args.context.services, customer.id);
  return args.context.customerSessions.destroySession(session);
}

/** For customer actions: the signed-in customer and the posted form, refused without a valid CSRF token. */
export async function customerAction(args: RequestArgs): Promise<{ customer: SignedInCustomer; form: FormData }> {
  const customer = await requireCustomer(args);
  // A body that is not a form carries no token: refused like one without it, not a 500.
  const form = await args.request.formData().catch(() => new FormData());
  assertCsrf(args.context, form);
  assertStorableForm(form);
  return { customer, form };
}

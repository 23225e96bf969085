import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { assertCsrf } from '../auth/csrf.server.js';
import { endCustomerSession } from '../auth/customer-session.server.js';

export const loader = () => redirect('/account');

/** Signs out everywhere: every copy of the session cookie stops working. */
export async function action(args: ActionFunctionArgs) {
  assertCsrf(args.context, await args.request.formData().catch(() => new FormData()));
  return redirect('/sign-in', { headers: { 'Set-Cookie': await endCustomerSession(args) } });
}

import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { assertCsrf } from '../auth/csrf.server.js';
import { endStaffSession } from '../auth/staff-session.server.js';

export const loader = () => redirect('/staff');

export async function action(args: ActionFunctionArgs) {
  assertCsrf(args.context, await args.request.formData());
  return redirect('/staff/sign-in', { headers: { 'Set-Cookie': await endStaffSession(args) } });
}

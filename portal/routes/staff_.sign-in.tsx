// Staff sign-in. Failures are counted in the database: a client that keeps failing is refused for
// a while, an address failing from many clients is only answered more slowly (see signIn); the
// answer to a wrong password and to an unknown address is the same.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { returnPath } from '../../server/services/access/return-path.js';
import { signIn } from '../../server/services/access/staff.js';
import { assertCsrf } from '../auth/csrf.server.js';
import { currentStaff, startStaffSession } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { assertStorableForm } from '../ui/form-fields.server.js';

export const meta: MetaFunction = () => [{ title: 'Sign in · Uplink' }];

/** A throttled sign-in tells the client when to come back. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

/** The page the member was on their way to when it is one of ours (see returnPath), else the customers list. */
const afterSignIn = (redirectTo: FormDataEntryValue | null) => returnPath(redirectTo) ?? '/staff/customers';

export async function loader(args: LoaderFunctionArgs) {
  const staff = await currentStaff(args);
  if (staff) throw redirect(afterSignIn(new URL(args.request.url).searchParams.get('redirectTo')));
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  assertCsrf(args.context, form);
  assertStorableForm(form);
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  if (!email || !password) return data({ error: 'Enter your email address and password.' }, { status: 400 });

  const result = await signIn(args.context.services, { email, password, clientAddress: args.context.clientAddress });
  if (result.outcome === 'throttled') {
    return data(
      { error: `Too many failed sign-ins. Wait ${result.retryAfterMinutes} minutes and try again.` },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterMinutes * 60) } },
    );
  }
  if (result.outcome === 'invalid') return data({ error: 'That email address and password do not match a staff account.' }, { status: 401 });

  // A new session, never one carried over from before sign-in.
  return redirect(afterSignIn(form.get('redirectTo')), {
    headers: { 'Set-Cookie': await startStaffSession(args, result.staff.id) },
  });
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <main className="sign-in">
      <h1>Uplink staff sign-in</h1>
      <Form method="post" className="stacked-form">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <label>
          Email address
          <input type="email" name="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" required />
        </label>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </Form>
    </main>
  );
}

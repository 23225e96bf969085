// Customer sign-in by magic link. The answer to a request is the same whether or not the address
// belongs to an account; only a throttled request (which says nothing about the address) differs.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { accountPath, requestSignInLink, SIGN_IN_LINK_MINUTES } from '../../server/services/access/customer-sign-in.js';
import { ValidationError } from '../../server/services/errors.js';
import { assertCsrf } from '../auth/csrf.server.js';
import { currentCustomer } from '../auth/customer-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { assertStorableForm } from '../ui/form-fields.server.js';

export const meta: MetaFunction = () => [{ title: 'Customer sign-in · Uplink' }];

/** A throttled request tells the client when to come back. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader(args: LoaderFunctionArgs) {
  const next = accountPath(new URL(args.request.url).searchParams.get('redirectTo'));
  if (await currentCustomer(args)) throw redirect(next ?? '/account');
  return { next };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData().catch(() => new FormData());
  assertCsrf(args.context, form);
  assertStorableForm(form);
  const email = form.get('email');
  let result;
  try {
    result = await requestSignInLink(args.context.services, {
      email: typeof email === 'string' ? email : '',
      clientAddress: args.context.clientAddress,
      // The link lands on the page the customer was on their way to.
      next: form.get('next'),
    });
  } catch (error) {
    if (error instanceof ValidationError) return data({ sent: false, error: 'Enter your email address, such as name@example.com.', validMinutes: null }, { status: 400 });
    throw error;
  }
  if (result.outcome === 'throttled') {
    return data(
      { sent: false, error: `Too many sign-in links were asked for. Wait ${result.retryAfterMinutes} minutes and try again.`, validMinutes: null },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterMinutes * 60) } },
    );
  }
  // The link is made and mailed after this answer, so a known address answers as fast as an unknown one.
  void result.delivery;
  return { sent: true, error: null, validMinutes: SIGN_IN_LINK_MINUTES };
}

export default function CustomerSignIn() {
  const { next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.sent) {
    return (
      <main className="sign-in">
        <h1>Check your email</h1>
        <p role="status">
          If the address belongs to an account, we have sent a sign-in link; it is valid for {result.validMinutes} minutes.
        </p>
        <p className="hint">
          Nothing arrived? Check your spam folder, or <Link to="/sign-in">ask for another link</Link>.
        </p>
      </main>
    );
  }
  return (
    <main className="sign-in">
      <h1>Customer sign-in</h1>
      <p className="hint">Enter the email address of your account and we will email you a link that signs you in.</p>
      <Form method="post" className="stacked-form">
        <CsrfField />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <label>
          Email address
          <input type="email" name="email" autoComplete="email" required autoFocus />
        </label>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit">Email me a sign-in link</button>
      </Form>
    </main>
  );
}

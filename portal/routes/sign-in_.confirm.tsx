// Where a sign-in link lands. Opening it (GET) only shows a button, because mail scanners open
// links; pressing the button (POST) uses the token up and signs the customer in.
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { accountPath, consumeSignInToken } from '../../server/services/access/customer-sign-in.js';
import { assertCsrf } from '../auth/csrf.server.js';
import { startCustomerSession } from '../auth/customer-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { assertStorableForm } from '../ui/form-fields.server.js';

// The link's token must not leave Uplink in a Referer header, hence 'same-origin' (as every page
// sends in its Referrer-Policy header). Not 'no-referrer': under it a browser posting the form
// itself (without JavaScript) sends `Origin: null`, which Remix refuses as a cross-site action.
export const meta: MetaFunction = () => [{ title: 'Sign in · Uplink' }, { name: 'referrer', content: 'same-origin' }];

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData().catch(() => new FormData());
  assertCsrf(args.context, form);
  assertStorableForm(form);
  const signedIn = await consumeSignInToken(args.context.services, form.get('token'));
  if (!signedIn) return data({ refused: true }, { status: 410 });
  // A new session, never one carried over from before sign-in.
  return redirect(accountPath(form.get('next')) ?? '/account', { headers: { 'Set-Cookie': await startCustomerSession(args, signedIn.customerId) } });
}

export default function ConfirmSignIn() {
  const [params] = useSearchParams();
  const result = useActionData<typeof action>();
  const token = params.get('token');
  if (result?.refused || !token) {
    return (
      <main className="sign-in">
        <h1>This sign-in link cannot be used</h1>
        <p role="alert">
          The link has expired, was already used, or is incomplete. Each link signs in once, within 15 minutes of being sent.
        </p>
        <p>
          <Link className="button" to="/sign-in">
            Email me a new link
          </Link>
        </p>
      </main>
    );
  }
  return (
    <main className="sign-in">
      <h1>Sign in to your account</h1>
      <p className="hint">Press the button to finish signing in on this device.</p>
      <Form method="post" className="stacked-form">
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        {params.get('next') ? <input type="hidden" name="next" value={params.get('next') ?? ''} /> : null}
        <button type="submit">Sign in</button>
      </Form>
    </main>
  );
}

// The frame of the customer pages. Its loader is the gate for the frame; every page's own loader
// checks the session too, because Remix runs a page's loader alongside (not after) this one.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, Outlet, isRouteErrorResponse, useLoaderData, useRouteError, useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { CustomerFrame } from '../ui/customer-frame.js';

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  return { customerName: customer.name, companyName: args.context.settings.companyName };
}

export default function AccountFrame() {
  const { customerName, companyName } = useLoaderData<typeof loader>();
  return (
    <CustomerFrame companyName={companyName} customerName={customerName}>
      <Outlet />
    </CustomerFrame>
  );
}

/** Errors on customer pages in the customer's words, with a way back to their account. */
export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { title, detail } = describeError(error);
  return (
    <CustomerFrame companyName={root?.companyName ?? 'Uplink'}>
      <div className="error-page">
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <Link to="/account">Back to your account</Link>
        </p>
      </div>
    </CustomerFrame>
  );
}

function describeError(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    // Not "does not exist": someone else's record must read exactly like a missing one.
    if (error.status === 404) return { title: 'Not found', detail: 'There is nothing at this address in your account. The link may be mistyped or out of date.' };
    // Refusals and bad filters carry a sentence written for people (see assertCsrf, withQueryErrors).
    if (typeof error.data === 'string' && error.data) return { title: error.status === 403 ? 'Refused' : 'This cannot be shown', detail: error.data };
  }
  return { title: 'Something went wrong', detail: 'We could not finish this request. Nothing was half-done: try again in a moment.' };
}

// The front door: customers and staff sign in in different places.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'Uplink' }];

export function loader({ context }: LoaderFunctionArgs) {
  return { companyName: context.settings.companyName };
}

export default function Home() {
  const { companyName } = useLoaderData<typeof loader>();
  return (
    <main className="sign-in">
      <h1>{companyName}</h1>
      <p>See your balance, invoices and quotes in the customer portal.</p>
      <p>
        <Link className="button" to="/sign-in">
          Customer sign-in
        </Link>
      </p>
      <p className="hint">
        Working at {companyName}? <Link to="/staff/sign-in">Staff sign-in</Link>
      </p>
    </main>
  );
}

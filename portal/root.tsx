import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import stylesheet from './styles.css?url';
import { TestModeBanner } from './ui/test-mode-banner.js';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }];

export const meta: MetaFunction = () => [{ title: 'Uplink' }];

export function loader({ context }: LoaderFunctionArgs) {
  return { csrfToken: context.csrfToken, companyName: context.settings.companyName, paymentsTestMode: context.settings.paymentsTestMode ?? false };
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <TestModeBanner />
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Error pages say what happened and where to go next, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { title, detail } = describeError(error);
  return (
    <main className="error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/staff">Back to the staff pages</Link>
      </p>
    </main>
  );
}

function describeError(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      return { title: 'Not found', detail: typeof error.data === 'string' && error.data ? error.data : 'There is nothing at this address. It may have been mistyped, or the record does not exist.' };
    }
    if (error.status === 403) return { title: 'Refused', detail: typeof error.data === 'string' ? error.data : 'You may not do this.' };
    return { title: `${error.status} ${error.statusText}`, detail: typeof error.data === 'string' ? error.data : 'The request could not be completed.' };
  }
  return {
    title: 'Something went wrong',
    detail: 'Uplink could not finish this request. Nothing was half-done: try again, and if it keeps failing, the server log has the details.',
  };
}

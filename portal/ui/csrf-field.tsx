import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root.js';

/** The hidden CSRF token every form posts; actions refuse a form without it. */
export function CsrfField() {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ''} />;
}

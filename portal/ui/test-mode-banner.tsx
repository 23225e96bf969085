// Said on every page (customer, staff, sign-in) while the card gateway runs on test keys: nobody
// should think a test payment took real money, and anyone trying it needs the test card.
import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root.js';

export const TEST_MODE_SENTENCE = 'Payments are in test mode: no real money moves. Use card 4242 4242 4242 4242.';

export function TestModeBanner() {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  if (!root?.paymentsTestMode) return null;
  return (
    <p className="test-mode-banner" role="note">
      {TEST_MODE_SENTENCE}
    </p>
  );
}

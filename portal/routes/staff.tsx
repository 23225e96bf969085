// The frame of every staff page: navigation, the signed-in member, sign-out, one-time notices.
// Its loader is the gate: nothing under /staff renders without a staff session.
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { undeliveredHandoffCount } from '../../server/services/handoffs/undelivered-handoffs.js';
import { requireStaff, staffSession } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';

export async function loader(args: LoaderFunctionArgs) {
  const staff = await requireStaff(args);
  const session = await staffSession(args);
  const notice = session.get('notice') ?? null;
  const waiting = await undeliveredHandoffCount(args.context.services);
  const stuckHandoffs = (waiting.oldestAgeSeconds ?? 0) >= STUCK_AFTER_SECONDS ? waiting : null;
  return data(
    { staff, notice, stuckHandoffs, companyName: args.context.settings.companyName },
    { headers: { 'Set-Cookie': await args.context.staffSessions.commitSession(session) } },
  );
}

/** Delivery normally takes a moment; a hand-off older than this is worth a line on every page. */
const STUCK_AFTER_SECONDS = 60;

const sections = [
  { to: '/staff/customers', label: 'Customers' },
  { to: '/staff/payments', label: 'Payments' },
  { to: '/staff/billing-blocked', label: 'Blocked billing' },
  { to: '/staff/plans', label: 'Plans' },
  { to: '/staff/accounts', label: 'Accounts' },
  { to: '/staff/trial-balance', label: 'Trial balance' },
  { to: '/staff/items', label: 'Items' },
  { to: '/staff/quotes', label: 'Quotes' },
  { to: '/staff/rates', label: 'Rates' },
  { to: '/staff/imports', label: 'Imports' },
  { to: '/staff/bank-statements', label: 'Bank statements' },
  { to: '/staff/emails', label: 'Emails' },
  { to: '/staff/inbound', label: 'Inbound mail' },
  { to: '/staff/handoffs', label: 'Hand-offs' },
  { to: '/staff/api-keys', label: 'API keys' },
  { to: '/staff/api-docs', label: 'API' },
  { to: '/staff/settings', label: 'Settings' },
];

export default function StaffFrame() {
  const { staff, notice, stuckHandoffs, companyName } = useLoaderData<typeof loader>();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/staff">
          Uplink <span className="brand-company">{companyName}</span>
        </a>
        <nav aria-label="Sections">
          {sections.map((section) => (
            <NavLink key={section.to} to={section.to} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {section.label}
            </NavLink>
          ))}
        </nav>
        <Form method="post" action="/staff/sign-out" className="signed-in">
          <span title={staff.email}>{staff.name}</span>
          <CsrfField />
          <button type="submit" className="link-button">
            Sign out
          </button>
        </Form>
      </header>
      <main className="content">
        {stuckHandoffs ? (
          <p className="warning" role="alert">
            {stuckHandoffs.count} committed change(s) have not reached their workflow for {Math.ceil((stuckHandoffs.oldestAgeSeconds ?? 0) / 60)} min:
            Temporal may be unreachable. <Link to="/staff/handoffs">See the hand-offs</Link>.
          </p>
        ) : null}
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <Outlet />
      </main>
    </div>
  );
}

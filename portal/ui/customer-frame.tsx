// The frame of the customer pages: the company's name, the sections, and sign-out. Customer pages
// speak to customers, not staff: no account codes or workflow ids.
import { Form, NavLink } from '@remix-run/react';
import type { ReactNode } from 'react';
import { CsrfField } from './csrf-field.js';

const sections = [
  { to: '/account', label: 'Overview', end: true },
  { to: '/account/invoices', label: 'Invoices', end: false },
  { to: '/account/quotes', label: 'Quotes', end: false },
  { to: '/account/statement', label: 'Statement', end: false },
  { to: '/account/pay', label: 'Pay', end: false },
  { to: '/account/payments', label: 'Payments', end: false },
  { to: '/account/card', label: 'Card', end: false },
];

export function CustomerFrame({ companyName, customerName, children }: { companyName: string; customerName?: string; children: ReactNode }) {
  return (
    <div className="shell customer-shell">
      <header className="topbar">
        <a className="brand" href="/account">
          {companyName} <span className="brand-company">Customer portal</span>
        </a>
        <nav aria-label="Sections">
          {sections.map((section) => (
            <NavLink key={section.to} to={section.to} end={section.end} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {section.label}
            </NavLink>
          ))}
        </nav>
        {customerName ? (
          <Form method="post" action="/account/sign-out" className="signed-in">
            <span title={customerName}>{customerName}</span>
            <CsrfField />
            <button type="submit" className="link-button">
              Sign out
            </button>
          </Form>
        ) : null}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}

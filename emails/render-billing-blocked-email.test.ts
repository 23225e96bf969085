import { describe, expect, it } from 'vitest';
import { renderBillingBlockedEmail } from './render-billing-blocked-email.js';

describe('billing blocked email', () => {
  it('tells staff which account stopped at which step, since when, why, and where to resume it', async () => {
    const { subject, html, text } = await renderBillingBlockedEmail({
      companyName: 'Acme Fibre',
      customerId: '3f2b6c1e-0000-4000-8000-000000000001',
      customerName: 'Ada & <Co>',
      step: 'issuing the invoice',
      since: '1 March 2026, 00:00 UTC',
      reason: 'issueRecurringInvoice: the database refused the data: value "9223372036854776807" is out of range for type bigint (SQLSTATE 22003)',
      accountUrl: 'https://billing.acme.example/staff/customers/3f2b6c1e-0000-4000-8000-000000000001',
    });
    expect(subject).toBe('Billing blocked: Ada & <Co> (issuing the invoice)');
    expect(text).toContain('Billing of the account of Ada & <Co> is blocked: issuing the invoice failed');
    expect(text).toContain('Since: 1 March 2026, 00:00 UTC');
    expect(text).toContain('Reason: issueRecurringInvoice: the database refused the data: value "9223372036854776807" is out of range');
    expect(text).toContain('Open the account: https://billing.acme.example/staff/customers/3f2b6c1e-0000-4000-8000-000000000001');
    expect(text).toContain('uplink customers resume-billing 3f2b6c1e-0000-4000-8000-000000000001');
    expect(html).toContain('href="https://billing.acme.example/staff/customers/3f2b6c1e-0000-4000-8000-000000000001"');
    expect(html).toContain('Ada &amp; &lt;Co&gt;');
    expect(html).not.toContain('<Co>');
  });
});

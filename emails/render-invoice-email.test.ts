import { describe, expect, it } from 'vitest';
import { renderInvoiceEmail } from './render-invoice-email.js';
import { sampleInvoice } from './sample-invoice.test-data.js';

describe('renderInvoiceEmail', () => {
  it('names the invoice and the company in the subject', async () => {
    const { subject } = await renderInvoiceEmail(sampleInvoice());
    expect(subject).toBe('Invoice INV-2026-000001 from Riverside Fibre');
  });

  it('fills the HTML with the summary, each line, the total and the portal link', async () => {
    const { html } = await renderInvoiceEmail(sampleInvoice());
    expect(html).toContain('Ana Souza');
    expect(html).toContain('Fibre 300 Mbps, March 2026');
    expect(html).toContain('Static IP address');
    expect(html).toContain('$49.00');
    expect(html).toContain('href="https://portal.riverside.example/invoices/INV-2026-000001"');
    expect(html).not.toMatch(/\{\{/);
  });

  it('says when the invoice is due and on what terms, in the HTML and the plain text', async () => {
    const { html, text } = await renderInvoiceEmail(sampleInvoice());
    expect(html).toContain('The total for this invoice is $49.00, due by 15 March 2026.');
    expect(html).toMatch(/>Due date<\/td><td[^>]*>15 March 2026 \(Net 14\)</);
    expect(text).toContain('The total for this invoice is $49.00, due by 15 March 2026.');
    expect(text).toContain('Due date:       15 March 2026 (Net 14)');

    const onReceipt = await renderInvoiceEmail({ ...sampleInvoice(), dueDate: '1 March 2026', terms: 'Due on receipt' });
    expect(onReceipt.html).toMatch(/>Due date<\/td><td[^>]*>1 March 2026 \(Due on receipt\)</);
    expect(onReceipt.text).toContain('Due date:       1 March 2026 (Due on receipt)');
  });

  it('says where the invoice stands as it is sent', async () => {
    const open = await renderInvoiceEmail(sampleInvoice());
    expect(open.html).toMatch(/>Payment status<\/td><td[^>]*>Open</);
    expect(open.text).toContain('Payment status: Open\n');

    // A period billed late, with part of it paid from the account's credit.
    const late = await renderInvoiceEmail({ ...sampleInvoice(), paymentStatus: 'Partially paid, $9.00 still to pay, overdue by 3 days' });
    expect(late.html).toMatch(/>Payment status<\/td><td[^>]*>Partially paid, \$9.00 still to pay, overdue by 3 days</);
    expect(late.text).toContain('Payment status: Partially paid, $9.00 still to pay, overdue by 3 days');
  });

  it('escapes customer-supplied text in the HTML, in the greeting and in line rows', async () => {
    const { html } = await renderInvoiceEmail({
      ...sampleInvoice(),
      customerName: 'Smith & Sons <script>alert(1)</script>',
      lines: [{ description: 'Install at <b>"Unit 4"</b>', amount: '$10.00' }],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Smith &amp; Sons &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Install at &lt;b&gt;&quot;Unit 4&quot;&lt;/b&gt;');
  });

  it('writes a plain-text part with the invoice number, one line per invoice line, and no HTML', async () => {
    const { text } = await renderInvoiceEmail(sampleInvoice());
    expect(text).toContain('INV-2026-000001');
    expect(text).toContain('\n- Fibre 300 Mbps, March 2026: $45.00\n- Static IP address: $4.00\n');
    expect(text).toContain('Total: $49.00');
    expect(text).not.toMatch(/<[a-z/!][^>]*>/i);
    expect(text).not.toMatch(/\{\{/);
  });

  it('does not escape the plain-text part', async () => {
    const { text } = await renderInvoiceEmail({ ...sampleInvoice(), customerName: 'Smith & Sons' });
    expect(text).toContain('Hello Smith & Sons,');
  });

  it('throws naming the field when a value is missing at run time', async () => {
    // Activity inputs arrive as JSON, so a field the types promise can still be absent.
    const data = { ...sampleInvoice(), balance: undefined as unknown as string };
    await expect(renderInvoiceEmail(data)).rejects.toThrow('Missing value for template placeholder "balance"');
  });
});

describe('renderInvoiceEmail for a one-off invoice with tax', () => {
  const oneOff = () => ({
    ...sampleInvoice(),
    period: null,
    lines: [
      { description: 'Router swap — 2 × €49.90', amount: '€99.80', tax: '21% tax: €20.96' },
      { description: 'Cable', amount: '€5.00' },
    ],
    taxSummary: { net: '€104.80', tax: '€20.96' },
    total: '€125.76',
  });

  it('speaks of the items instead of a billing period, and shows each line\'s tax, the net and the tax total', async () => {
    const { html, text } = await renderInvoiceEmail(oneOff());
    expect(html).not.toContain('Billing period');
    expect(html).toContain('Here is your invoice for the services and parts listed below. The total for this invoice is €125.76, due by 15 March 2026.');
    expect(html).toContain('21% tax: €20.96');
    expect(html).toMatch(/>Net<\/td><td[^>]*>€104.80</);
    expect(html).toMatch(/>Tax<\/td><td[^>]*>€20.96</);
    expect(text).not.toContain('Billing period');
    expect(text).toContain('- Router swap — 2 × €49.90: €99.80 (21% tax: €20.96)\n- Cable: €5.00\n\nNet: €104.80\nTax: €20.96\nTotal: €125.76');
  });

  it('keeps the billing period and leaves out tax rows on a recurring invoice', async () => {
    const { html, text } = await renderInvoiceEmail(sampleInvoice());
    expect(html).toContain('1 March 2026 to 31 March 2026');
    expect(html).not.toContain('>Tax<');
    expect(text).toContain('Billing period: 1 March 2026 to 31 March 2026');
    expect(text).not.toContain('Tax:');
  });
});

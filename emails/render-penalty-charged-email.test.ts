import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderPenaltyChargedEmail, type PenaltyChargedEmailData } from './render-penalty-charged-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

// €10.00 fee + €0.66 interest = €10.66, no tax; €49.90 was overdue already, so €60.56 is due now.
const sample = (): PenaltyChargedEmailData => ({
  ...base(),
  penaltyInvoiceNumber: 'INV-2026-000200',
  issuedOn: '2026-03-20',
  lines: [
    { description: 'Late payment fee', forInvoiceNumber: 'INV-2026-000123', amount: money(1000n, 'EUR') },
    { description: 'Interest at 8% a year, 2 March to 20 March 2026', forInvoiceNumber: 'INV-2026-000123', amount: money(66n, 'EUR') },
  ],
  tax: null,
  otherOverdue: money(4990n, 'EUR'),
});

describe('renderPenaltyChargedEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('penalty-charged')).resolves.toContain('{{{chargeRows}}}');
  });

  it('names the penalty invoice, each charge and what it was for, the total, that it is due at once, and Pay now', async () => {
    const email = await renderPenaltyChargedEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Late payment charge: invoice INV-2026-000200 for €10.66, due now');
    for (const part of [html, text]) {
      expect(part).toContain(
        'Because invoice INV-2026-000123 was not paid by its due date, we have charged the late payment penalties your terms provide. They are billed on invoice INV-2026-000200 of 20 March 2026.',
      );
      expect(part).toContain('Invoice INV-2026-000200 is due at once. With your overdue invoices (€49.90), €60.56 is due now. Please pay it in the customer portal.');
    }
    expect(html).toMatch(/>Late payment fee \(invoice INV-2026-000123\)<\/td><td[^>]*>€10.00</);
    expect(html).toMatch(/>Total<\/td><td[^>]*>€10.66</);
    expect(html).toMatch(/>Due<\/td><td[^>]*>At once</);
    expect(text).toContain(
      '- Late payment fee (invoice INV-2026-000123): €10.00\n- Interest at 8% a year, 2 March to 20 March 2026 (invoice INV-2026-000123): €0.66\nTotal: €10.66',
    );
    expect(text).toContain('Invoice: INV-2026-000200\nIssued:  20 March 2026\nDue:     At once');
    expect(text).toContain('Pay now: https://portal.riverside.example/account/pay\n');
    expect(linksOf(html)).toEqual(['Pay now → https://portal.riverside.example/account/pay']);
    expectFullyFilled(email);
  });

  it('adds the tax into the total, names several penalized invoices, and asks only for the penalty when nothing else is overdue', async () => {
    // €10.00 + €10.00 + €4.20 tax = €24.20.
    const email = await renderPenaltyChargedEmail({
      ...sample(),
      lines: [
        { description: 'Late payment fee on INV-2026-000123', forInvoiceNumber: 'INV-2026-000123', amount: money(1000n, 'EUR') },
        { description: 'Late payment fee on INV-2026-000130', forInvoiceNumber: 'INV-2026-000130', amount: money(1000n, 'EUR') },
      ],
      tax: money(420n, 'EUR'),
      otherOverdue: money(0n, 'EUR'),
    });
    expect(email.subject).toBe('Late payment charge: invoice INV-2026-000200 for €24.20, due now');
    expect(email.text).toContain('Because invoices INV-2026-000123 and INV-2026-000130 were not paid by their due dates, we have charged the late payment penalties');
    // Descriptions that name their invoice, as billing's do, are not given it twice.
    expect(email.text).toContain('- Late payment fee on INV-2026-000123: €10.00\n- Late payment fee on INV-2026-000130: €10.00\n- Tax: €4.20\nTotal: €24.20');
    expect(email.text).toContain('Invoice INV-2026-000200 is due at once. Please pay €24.20 now in the customer portal.');
    expect(email.text).not.toContain('With your overdue invoices');
    expectFullyFilled(email);
  });

  it('escapes a hostile customer name and charge description in the HTML', async () => {
    const email = await renderPenaltyChargedEmail({
      ...sample(),
      customerName: hostileName,
      lines: [{ description: 'Fee <img src=x>', forInvoiceNumber: 'INV-2026-000123', amount: money(1000n, 'EUR') }],
    });
    expectNameEscaped(email);
    expect(email.html).toContain('Fee &lt;img src=x&gt; (invoice INV-2026-000123)');
    expect(email.html).not.toContain('<img src=x>');
    expect(email.text).toContain('- Fee <img src=x> (invoice INV-2026-000123): €10.00');
    // One charge is spoken of in the singular.
    expect(email.text).toContain('we have charged the late payment penalty your terms provide. It is billed on invoice INV-2026-000200 of 20 March 2026.');
  });

  it('refuses no charge, a charge of nothing, and amounts in another currency', async () => {
    await expect(renderPenaltyChargedEmail({ ...sample(), lines: [] })).rejects.toThrow('lines must list at least one penalty charged');
    const line = sample().lines[0]!;
    await expect(renderPenaltyChargedEmail({ ...sample(), lines: [{ ...line, amount: money(0n, 'EUR') }] })).rejects.toThrow('must be more than zero');
    await expect(renderPenaltyChargedEmail({ ...sample(), otherOverdue: money(100n, 'USD') })).rejects.toThrow('otherOverdue must be in EUR');
    await expect(renderPenaltyChargedEmail({ ...sample(), tax: money(-1n, 'EUR') })).rejects.toThrow('tax must not be negative');
  });
});

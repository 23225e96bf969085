import { describe, expect, it } from 'vitest';
import { renderCreditNoteEmail, type CreditNoteEmailData } from './render-credit-note-email.js';

const sample = (): CreditNoteEmailData => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  creditNoteNumber: 'CN-2026-000001',
  invoiceNumber: 'INV-2026-000007',
  issueDate: '4 March 2026',
  reason: 'One router was returned <unused>',
  lines: [{ description: 'Router swap', amount: '€49.90', tax: 'tax: €10.48' }],
  taxSummary: { net: '€49.90', tax: '€10.48' },
  total: '€60.38',
  balance: '€120.00',
  portalUrl: 'https://portal.riverside.example/',
});

describe('renderCreditNoteEmail', () => {
  it('names the credit note, the invoice and the company in the subject', async () => {
    expect((await renderCreditNoteEmail(sample())).subject).toBe('Credit note CN-2026-000001 for invoice INV-2026-000007 from Riverside Fibre');
  });

  it('shows what was credited, why, the tax and the new balance, with the reason escaped', async () => {
    const { html, text } = await renderCreditNoteEmail(sample());
    expect(html).toContain('We have credited <strong>€60.38</strong> on invoice INV-2026-000007.');
    expect(html).toContain('One router was returned &lt;unused&gt;');
    expect(html).toContain('tax: €10.48');
    expect(html).toContain('Your account balance is now <strong>€120.00</strong>.');
    expect(html).not.toMatch(/\{\{/);
    expect(text).toContain('Reason:             One router was returned <unused>');
    expect(text).toContain('- Router swap: €49.90 (tax: €10.48)\n\nNet: €49.90\nTax: €10.48\nTotal credited: €60.38');
    expect(text).not.toMatch(/\{\{/);
  });

  it('leaves out the tax rows when nothing taxed was credited', async () => {
    const { html, text } = await renderCreditNoteEmail({ ...sample(), lines: [{ description: 'Fibre 100', amount: '€49.00' }], taxSummary: null, total: '€49.00' });
    expect(html).not.toContain('>Tax<');
    expect(text).toContain('- Fibre 100: €49.00\n\nTotal credited: €49.00');
  });
});

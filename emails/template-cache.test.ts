import mjml2html from 'mjml';
import { describe, expect, it, vi } from 'vitest';
import { renderInvoiceEmail } from './render-invoice-email.js';
import { sampleInvoice } from './sample-invoice.test-data.js';

// The real compiler, wrapped in a spy so we can count compilations. Module state is per test file,
// so the cache starts cold here.
vi.mock('mjml', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof mjml2html }>();
  return { default: vi.fn(actual.default) };
});

describe('template cache', () => {
  it('compiles the invoice template once, however many renders run, even concurrently', async () => {
    expect(mjml2html).not.toHaveBeenCalled();

    const [first, second] = await Promise.all([renderInvoiceEmail(sampleInvoice()), renderInvoiceEmail(sampleInvoice())]);
    const third = await renderInvoiceEmail({ ...sampleInvoice(), customerName: 'Someone Else' });

    expect(mjml2html).toHaveBeenCalledTimes(1);
    expect(second.html).toBe(first.html);
    expect(third.html).toContain('Someone Else');
  });
});

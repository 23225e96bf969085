// The customer's invoice as a PDF download, named after its number (INV-2026-000042.pdf).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderInvoicePdf } from '../../server/documents/invoice-pdf.js';
import { invoiceView } from '../../server/documents/invoice-view.js';
import { customerInvoice } from '../../server/services/customers/customer-portal.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { businessToday } from '../ui/business-today.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const today = businessToday(args.context.settings);
  const invoice = await notFoundAs404(() => customerInvoice(args.context.services, customer.id, args.params.invoiceId ?? '', today));
  const pdf = await renderInvoicePdf(invoiceView(invoice, args.context.settings.companyName));
  // Invoice numbers are [A-Z]+-year-digits, safe in a header; anything else is replaced anyway.
  const filename = `${invoice.number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(pdf.length),
      // An invoice is personal: no shared cache keeps a copy.
      'Cache-Control': 'private, no-store',
    },
  });
}

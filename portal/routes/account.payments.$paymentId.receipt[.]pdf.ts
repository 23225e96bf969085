// The receipt of one of the customer's payments as a PDF, named after its number
// (PAY-2026-000042.pdf). Another customer's payment is not found.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderReceiptPdf } from '../../server/documents/receipt-pdf.js';
import { receiptView } from '../../server/documents/receipt-view.js';
import { customerPaymentReceipt } from '../../server/services/payments/customer-payments.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const payment = await notFoundAs404(() => customerPaymentReceipt(args.context.services, customer.id, args.params.paymentId ?? ''));
  const pdf = await renderReceiptPdf(receiptView(payment, args.context.settings.companyName));
  const filename = `${payment.number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(pdf.length),
      // A receipt is personal: no shared cache keeps a copy.
      'Cache-Control': 'private, no-store',
    },
  });
}

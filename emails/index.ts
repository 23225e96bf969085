export type { RenderedEmail } from './rendered-email.js';
export { renderInvoiceEmail, type InvoiceEmailData, type InvoiceEmailLine } from './render-invoice-email.js';
export { compileMjml, escapeHtml, fillTemplate, loadCompiledTemplate, loadTextTemplate, type FillOptions } from './template-compiler.js';
export type { DeliveryResult, EmailTransport, OutgoingEmail } from './transport.js';
export { createEmailTransport, type EmailTransportConfig } from './create-transport.js';
export { createResendTransport, maxIdempotencyKeyLength, ResendDeliveryError, type ResendTransportOptions } from './resend-transport.js';
export { createOutboxTransport } from './outbox-transport.js';
export { formatDisplayDate } from './format-date.js';

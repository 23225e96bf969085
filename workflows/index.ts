// The workflows registered on the billing task queue (the worker bundles this file).
export { customerAccount } from './customer-account.js';
export { deliverDocument } from './deliver-document.js';
export { quoteWorkflow } from './quote.js';

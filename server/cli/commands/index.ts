import type { Command } from '../command.js';
import { accountsCreate, accountsList } from './accounts.js';
import { apiKeysCreate, apiKeysList, apiKeysRevoke } from './api-keys.js';
import { bankStatementsImport } from './bank-statements-import.js';
import { customersBlocked, customersCreate, customersList, customersResumeBilling, customersShow } from './customers.js';
import { demoSeed } from './demo.js';
import { invoicesCreate, invoicesCredit, invoicesList, invoicesShow } from './invoices.js';
import { metersCreate, metersList } from './meters.js';
import { paymentsList, paymentsRecord } from './payments.js';
import { paymentsAssign } from './payments-assign.js';
import { paymentsRefund } from './payments-refund.js';
import { plansCreate, plansList } from './plans.js';
import { quotesAccept, quotesCreate, quotesDecline, quotesList, quotesSend, quotesShow } from './quotes.js';
import { ratesCreate, ratesList } from './rates.js';
import { READINGS_COMMANDS } from './readings.js';
import { readingsImport } from './readings-import.js';
import { staffCreate } from './staff.js';

/** Every command, in the order `uplink help` lists them. */
export const COMMANDS: Command[] = [
  customersCreate,
  customersList,
  customersShow,
  customersBlocked,
  customersResumeBilling,
  plansCreate,
  plansList,
  ratesCreate,
  ratesList,
  accountsList,
  accountsCreate,
  metersCreate,
  metersList,
  ...READINGS_COMMANDS,
  invoicesList,
  invoicesShow,
  invoicesCreate,
  invoicesCredit,
  paymentsList,
  paymentsRecord,
  paymentsAssign,
  paymentsRefund,
  quotesList,
  quotesShow,
  quotesCreate,
  quotesSend,
  quotesAccept,
  quotesDecline,
  readingsImport,
  bankStatementsImport,
  apiKeysCreate,
  apiKeysList,
  apiKeysRevoke,
  staffCreate,
  demoSeed,
];

import type { Command } from '../command.js';
import { apiKeysCreate, apiKeysList, apiKeysRevoke } from './api-keys.js';
import { customersCreate, customersList, customersShow } from './customers.js';
import { demoSeed } from './demo.js';
import { invoicesList, invoicesShow } from './invoices.js';
import { plansCreate, plansList } from './plans.js';
import { staffCreate } from './staff.js';

/** Every command, in the order `uplink help` lists them. */
export const COMMANDS: Command[] = [
  customersCreate,
  customersList,
  customersShow,
  plansCreate,
  plansList,
  invoicesList,
  invoicesShow,
  apiKeysCreate,
  apiKeysList,
  apiKeysRevoke,
  staffCreate,
  demoSeed,
];

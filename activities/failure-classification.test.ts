import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { UnbillableError } from '../billing/unbillable-error.js';
import { BILLING_DATA_ERROR, classifyActivityFailure } from './failure-classification.js';

/** What drizzle throws: its own error, naming the statement and its parameters, around the driver's. */
function drizzleError(driver: { code: string; message: string; constraint_name?: string }) {
  return new Error('Failed query: insert into "invoices" ... params: ada@example.net,9223372036854775808', {
    cause: Object.assign(new Error(driver.message), driver),
  });
}

function asFailure(error: unknown): ApplicationFailure {
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

describe('classifyActivityFailure', () => {
  it.each([
    ['22003', 'value "9223372036854775808" is out of range for type bigint'],
    ['22P02', 'invalid input syntax for type bigint: "12,5"'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['23514', 'new row for relation "plans" violates check constraint "plans_amount_not_negative"'],
    ['23503', 'insert or update on table "invoice_lines" violates foreign key constraint'],
  ])('fails a Postgres %s for good, with the database sentence and not the statement', (code, message) => {
    const failure = asFailure(classifyActivityFailure(drizzleError({ code, message }), 'issueRecurringInvoice'));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe(BILLING_DATA_ERROR);
    expect(failure.message).toBe(`issueRecurringInvoice: the database refused the data: ${message} (SQLSTATE ${code})`);
    expect(failure.message).not.toContain('ada@example.net');
  });

  it('names the violated constraint when the driver gives it', () => {
    const error = drizzleError({ code: '23502', message: 'null value in column "number"', constraint_name: 'invoices_number_not_null' });
    expect(asFailure(classifyActivityFailure(error, 'issueRecurringInvoice')).message).toContain('constraint invoices_number_not_null');
  });

  it('fails an unbillable line for good', () => {
    const failure = asFailure(classifyActivityFailure(new UnbillableError('a line may not exceed 10^15 minor units'), 'issueRecurringInvoice'));
    expect(failure).toMatchObject({ nonRetryable: true, type: BILLING_DATA_ERROR });
    expect(failure.message).toBe('issueRecurringInvoice: a line may not exceed 10^15 minor units');
  });

  it('leaves retryable what a retry can fix: a unique violation, a serialization failure, a lost connection', () => {
    for (const error of [
      drizzleError({ code: '23505', message: 'duplicate key value violates unique constraint' }),
      drizzleError({ code: '40001', message: 'could not serialize access' }),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]) {
      expect(classifyActivityFailure(error, 'issueRecurringInvoice')).toBe(error);
    }
  });

  it('leaves an activity’s own decision as it is', () => {
    const notFound = ApplicationFailure.nonRetryable('customer x does not exist', 'NotFound');
    expect(classifyActivityFailure(notFound, 'loadAccount')).toBe(notFound);
  });
});

import { describe, expect, it } from 'vitest';
import { errorsOnCreditForm, readCreditForm } from './invoice-credit-form.server.js';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('readCreditForm', () => {
  it('credits the whole invoice unless the form says lines, whatever was typed in the boxes', () => {
    const read = readCreditForm(form({ reason: 'Cancelled', scope: 'whole', 'credit-0-amountMinor': '100' }), [0, 1]);
    expect(read.input).toEqual({ reason: 'Cancelled' });
    expect(read.values).toEqual({ reason: 'Cancelled', scope: 'whole', amounts: { 0: '100', 1: '' }, rest: { 0: false, 1: false } });
  });

  it('takes an amount or "all of it" per line, skipping empty lines, and remembers which line each request is', () => {
    const read = readCreditForm(form({ reason: 'Partly', scope: 'lines', 'credit-0-amountMinor': ' ', 'credit-1-amountMinor': '250', 'credit-2-rest': 'on' }), [0, 1, 2]);
    expect(read.input).toEqual({ reason: 'Partly', lines: [{ position: 1, amountMinor: '250' }, { position: 2 }] });
    expect(read.positionOfLine).toEqual([1, 2]);
  });
});

describe('errorsOnCreditForm', () => {
  it('puts a line refusal under the amount box of the invoice line it was about', () => {
    expect(errorsOnCreditForm({ 'lines[1].amountMinor': 'must be at most 50', 'lines[0].position': 'nothing is left', reason: 'is required', lines: 'must name a line' }, [1, 2]))
      .toEqual({ 'credit-2-amountMinor': 'must be at most 50', 'credit-1-amountMinor': 'nothing is left', reason: 'is required', 'credit-lines': 'must name a line' });
  });
});

// Bank statements over the whole stack: the REST API as an integrator runs it (multipart upload
// with its mapping, the preview rows, commit, assigning an unmatched payment), and the staff pages
// as a browser without JavaScript posts them (upload, map, preview, commit, assign).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerReference } from '../../billing/payments/bank-matching.js';
import { customers, readingImports } from '../../db/schema.js';
import { ApiClient } from '../api/api-client.js';
import { formFields, visibleText } from '../portal/import-page-steps.js';
import { links } from '../portal/page-text.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { expectBooksBalance, issueInvoice, newCustomer, openOn, paymentCount } from './statement-fixtures.js';

let harness: PortalHarness;
let api: ApiClient;
let token: string;
let staff: StaffBrowser;

beforeAll(async () => {
  harness = await createPortalHarness();
  token = await harness.newApiToken();
  api = new ApiClient(harness.url, token);
  staff = new StaffBrowser(harness.url);
  await staff.signIn(await harness.newStaff());
});
afterAll(() => harness?.dispose());

const db = () => harness.stack.ctx.db;

async function upload(path: string, file: { name: string; text: string }, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([file.text], { type: 'text/csv' }), file.name);
  const response = await fetch(`${harness.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('the bank statement API', () => {
  it('uploads and maps in one request, previews each row, commits, and assigns an unmatched payment once', async () => {
    const ada = await newCustomer(db(), 'Ada Api');
    const grace = await newCustomer(db(), 'Grace Api');
    const invoice = await issueInvoice(db(), ada.id, 4990n, '2026-05-01');
    const graceInvoice = await issueInvoice(db(), grace.id, 1500n, '2026-05-01');
    const text = [
      'Buchungstag;Betrag;Verwendungszweck;Auftraggeber',
      `03.05.2026;49,90;${invoice.number.toLowerCase()};Ada Api`,
      `04.05.2026;15,00;Kundennr ${customerReference(grace.id)};Grace Api`,
      '04.05.2026;-1.200,00;Miete Mai;Vermieter',
      '05.05.2026;20,00;Spende;Unbekannt',
    ].join('\r\n');
    const mapping = { dateColumn: 'Buchungstag', amountColumn: 'Betrag', currency: 'EUR', referenceColumn: 'Verwendungszweck', payerColumn: 'Auftraggeber' };

    const created = await upload('/api/v1/bank-statements', { name: 'mai.csv', text }, { source: 'api-account', mapping: JSON.stringify(mapping) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/bank-statements/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'validated',
      source: 'api-account',
      mapping: { ...mapping, dateFormat: 'DD.MM.YYYY', decimalSeparator: ',' },
      counts: { total: 4, toRecord: 3, byInvoice: 1, byCustomer: 1, unmatched: 1, debit: 1, duplicate: 0, invalid: 0, recorded: 0 },
    });

    const unmatched = await api.get(`/api/v1/bank-statements/${created.body.id}/rows?show=unmatched`);
    expect(unmatched.status).toBe(200);
    expect(unmatched.body.items).toEqual([
      expect.objectContaining({
        line: 5,
        bookedOn: '2026-05-05',
        amount: { amountMinor: '2000', currency: 'EUR' },
        outcome: 'record',
        match: { kind: 'unmatched', customer: null, invoice: null, note: 'the reference names no invoice number or customer reference' },
        review: 'Unmatched bank transfer from Unbekannt: the reference names no invoice number or customer reference',
        payment: null,
      }),
    ]);
    const first = await api.get(`/api/v1/bank-statements/${created.body.id}/rows?limit=2`);
    expect(first.body.items.map((row: { outcome: string; match: { kind: string; invoice: { number: string } | null } }) => [row.outcome, row.match.kind, row.match.invoice?.number ?? null])).toEqual([
      ['record', 'invoice', invoice.number],
      ['record', 'customer', null],
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const before = await paymentCount(db());
    const committed = await api.post(`/api/v1/bank-statements/${created.body.id}/commit`, {});
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ recorded: 3, duplicates: 0, skipped: 1, rejected: 0, statement: { status: 'committed' } });
    expect(await paymentCount(db())).toBe(before + 3);
    expect(await openOn(db(), invoice.id)).toBe(0n);
    expect(await openOn(db(), graceInvoice.id)).toBe(0n);

    const again = await api.post(`/api/v1/bank-statements/${created.body.id}/commit`, {});
    expect(again.body).toMatchObject({ recorded: 3, statement: { status: 'committed' } });
    expect(await paymentCount(db())).toBe(before + 3);

    const recorded = await api.get(`/api/v1/bank-statements/${created.body.id}/rows?show=unmatched`);
    const payment = recorded.body.items[0].payment;
    expect(payment).toMatchObject({ customerId: null, awaitingAssignment: true });
    const later = await issueInvoice(db(), grace.id, 2000n, '2026-05-10');
    const assigned = await api.post(`/api/v1/payments/${payment.id}/assign`, { customerId: grace.id, invoiceId: later.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      alreadyAssigned: false,
      payment: { id: payment.id, customerId: grace.id, needsReview: null, allocations: [expect.objectContaining({ invoiceNumber: later.number, amount: { amountMinor: '2000', currency: 'EUR' } })] },
    });
    expect(await openOn(db(), later.id)).toBe(0n);
    const repeated = await api.post(`/api/v1/payments/${payment.id}/assign`, { customerId: grace.id, invoiceId: later.id });
    expect(repeated.body).toMatchObject({ alreadyAssigned: true, payment: { allocations: [expect.objectContaining({ invoiceNumber: later.number })] } });
    const moved = await api.post(`/api/v1/payments/${payment.id}/assign`, { customerId: ada.id });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toMatch(/is already on another customer's account/);
    await expectBooksBalance(harness.stack.ctx, expect);
  });

  it('refuses a bad mapping naming its fields and keeps nothing, and keeps statements and readings imports apart', async () => {
    const refused = await upload(
      '/api/v1/bank-statements',
      { name: 'bad.csv', text: 'date,amount,text\n2026-05-01,1.00,x\n' },
      { source: 'api-account', mapping: JSON.stringify({ dateColumn: 'date', amountColumn: 'amount', referenceColumn: 'text' }) },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'mapping.currency', message: 'map a currency column, or give one currency for every row' }]);
    const listed = await api.get('/api/v1/bank-statements?limit=100');
    expect(listed.body.items.map((item: { fileName: string }) => item.fileName)).not.toContain('bad.csv');

    const statement = await upload('/api/v1/bank-statements', { name: 'kept.csv', text: 'date,amount,text\n2026-05-01,1.00,x\n' }, { source: 'api-account' });
    expect(statement.body).toMatchObject({ status: 'uploaded', offeredFrom: 'suggested' });
    expect((await api.get(`/api/v1/imports/${statement.body.id}`)).status).toBe(404);
    const readings = await api.get('/api/v1/imports?limit=100');
    expect(readings.body.items.map((item: { id: string }) => item.id)).not.toContain(statement.body.id);
    const mapped = await api.send('PUT', `/api/v1/bank-statements/${statement.body.id}/mapping`, JSON.stringify({ dateColumn: 'date', amountColumn: 'amount', referenceColumn: 'text', currency: 'EUR', plan: 'x' }));
    expect(mapped.status).toBe(422);
    expect(mapped.body.errors).toEqual([{ field: 'plan', message: expect.any(String) }]);
  });
});

describe('the bank statement pages', () => {
  it('upload, map, preview each transfer’s match, record them, and assign the unmatched one to a customer', async () => {
    const linus = await newCustomer(db(), 'Linus Pages');
    const invoice = await issueInvoice(db(), linus.id, 3300n, '2026-06-01');
    const second = await issueInvoice(db(), linus.id, 1200n, '2026-06-15');
    const text = [
      'Date,Amount,Currency,Description,Transaction ID,Name',
      `2026-06-02,33.00,EUR,Payment ${invoice.number},BANK-1,Linus Pages`,
      '2026-06-03,-80.00,EUR,Electricity,BANK-2,Power Co',
      '2026-06-04,12.00,EUR,thanks,BANK-3,L. Pages',
    ].join('\n');
    const form = new FormData();
    form.set('source', 'page-account');
    form.set('delimiter', '');
    form.set('hasHeader', 'detect');
    form.set('file', new Blob([text], { type: 'text/csv' }), 'june.csv');
    expect((await staff.get('/staff/bank-statements')).status).toBe(200);
    const uploaded = await staff.postForm('/staff/bank-statements', form);
    expect(uploaded.status).toBe(302);
    const page = uploaded.headers.get('location')!;
    expect(page).toMatch(/^\/staff\/bank-statements\/[0-9a-f-]{36}$/);

    const mappingPage = await (await staff.get(page)).text();
    expect(visibleText(mappingPage)).toContain('Offered: a guess from the column names; check it.');
    const mapping = formFields(mappingPage, 'value="map"');
    expect(mapping).toMatchObject({
      dateColumn: 'Date',
      amountColumn: 'Amount',
      currencyColumn: 'Currency',
      referenceColumn: 'Description',
      transactionIdColumn: 'Transaction ID',
      payerColumn: 'Name',
    });
    expect((await staff.postForm(page, mapping)).status).toBe(302);
    const settled = async (status: string) =>
      eventually(
        async () => {
          const html = await (await staff.get(page)).text();
          const shown = /class="badge badge-(\w+)"/.exec(html)?.[1];
          if (shown !== status) throw new Error(`the statement shows ${shown}, not ${status}`);
          return html;
        },
        { what: `the statement to show ${status}` },
      );
    const preview = visibleText(await settled('validated'));
    expect(preview).toContain(
      'Rows 3 Transfers in to record 2 Matched by invoice number 1 Matched by customer reference 0 Unmatched (booked for staff to assign) 1 Money going out (skipped) 1',
    );
    expect(preview).toContain(`Linus Pages · ${invoice.number} to record`);
    expect(preview).toContain('skipped: money going out');
    expect(preview).toContain('unmatched: the reference names no invoice number or customer reference to record');

    const before = await paymentCount(db());
    expect((await staff.postForm(page, { intent: 'commit' })).status).toBe(302);
    const done = await settled('committed');
    expect(visibleText(done)).toMatch(/Recorded 2/);
    expect(await paymentCount(db())).toBe(before + 2);
    expect(await openOn(db(), invoice.id)).toBe(0n);

    const [assignPage] = links(done, /^\/staff\/payments\/[0-9a-f-]{36}\/assign\?statement=/);
    expect(assignPage).toBeDefined();
    const assignHtml = await (await staff.get(assignPage!)).text();
    expect(visibleText(assignHtml)).toContain('Waiting because Unmatched bank transfer from L. Pages');
    const assigned = await staff.postForm(assignPage!.split('?')[0]!, { ...formFields(assignHtml, 'name="customer"'), customer: customerReference(linus.id).toLowerCase(), invoice: second.number });
    expect(assigned.status).toBe(302);
    expect(assigned.headers.get('location')).toBe(`${page}?show=unmatched`);
    const back = visibleText(await (await staff.get(`${page}?show=unmatched`)).text());
    expect(back).toMatch(new RegExp(`PAY-\\d{4}-\\d{6} assigned: it pays ${second.number}\\.`));
    expect(back).not.toContain('Assign to a customer');
    expect(await openOn(db(), second.id)).toBe(0n);
    await expectBooksBalance(harness.stack.ctx, expect);
  });

  it('says why an assignment is refused, next to the field', async () => {
    const payer = await newCustomer(db(), 'Refused Payer');
    const text = 'Date,Amount,Currency,Description\n2026-06-05,5.00,EUR,no idea\n';
    const form = new FormData();
    form.set('source', 'page-account-2');
    form.set('file', new Blob([text], { type: 'text/csv' }), 'refused.csv');
    const page = (await staff.postForm('/staff/bank-statements', form)).headers.get('location')!;
    const html = await (await staff.get(page)).text();
    expect((await staff.postForm(page, formFields(html, 'value="map"'))).status).toBe(302);
    await eventually(async () => expect(visibleText(await (await staff.get(page)).text())).toContain('Transfers in to record 1'), { what: 'the preview' });
    expect((await staff.postForm(page, { intent: 'commit' })).status).toBe(302);
    const [assignPage] = await eventually(
      async () => {
        const found = links(await (await staff.get(page)).text(), /\/assign\?statement=/);
        expect(found).toHaveLength(1);
        return found;
      },
      { what: 'the unmatched payment to assign' },
    );
    const response = await staff.postForm(assignPage!.split('?')[0]!, { customer: 'nobody@nowhere.test' });
    expect(response.status).toBe(422);
    expect(visibleText(await response.text())).toContain('no customer has the email nobody@nowhere.test');
    const wrongInvoice = await staff.postForm(assignPage!.split('?')[0]!, { customer: payer.email, invoice: 'INV-2026-999999' });
    expect(visibleText(await wrongInvoice.text())).toContain('no invoice has the number INV-2026-999999');
  });
});

describe('a long commit, and one cut off by the end of its process', () => {
  async function mappedStatement(name: string, lines: string[]): Promise<string> {
    const form = new FormData();
    form.set('source', `progress-${name}`);
    form.set('file', new Blob([['Date,Amount,Currency,Description', ...lines].join('\n')], { type: 'text/csv' }), `${name}.csv`);
    const page = (await staff.postForm('/staff/bank-statements', form)).headers.get('location')!;
    expect((await staff.postForm(page, formFields(await (await staff.get(page)).text(), 'value="map"'))).status).toBe(302);
    await eventually(async () => expect(await (await staff.get(page)).text()).toContain('class="badge badge-validated"'), { what: 'the preview' });
    return page;
  }

  /** Holds the customer's row as a payment being recorded for them would, until `work` is done. */
  async function withCustomerLocked<T>(customerId: string, work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    let locked!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = db().transaction(async (tx) => {
      await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('update');
      locked();
      await released;
    });
    await Promise.race([isLocked, holding]);
    try {
      return await work();
    } finally {
      release();
      await holding;
    }
  }

  it('shows the transfers recorded so far while the page refreshes itself, then the result', async () => {
    const first = await newCustomer(db(), 'Early Payer');
    const held = await newCustomer(db(), 'Held Payer');
    const lines = [
      ...Array.from({ length: 60 }, (_, i) => `2026-09-01,1.${String(i).padStart(2, '0')},EUR,${customerReference(first.id)} #${i}`),
      ...Array.from({ length: 10 }, (_, i) => `2026-09-02,2.${String(i).padStart(2, '0')},EUR,${customerReference(held.id)} #${i}`),
    ];
    const page = await mappedStatement('long', lines);
    await withCustomerLocked(held.id, async () => {
      expect((await staff.postForm(page, { intent: 'commit' })).status).toBe(302);
      const html = await eventually(
        async () => {
          const shown = await (await staff.get(page)).text();
          expect(visibleText(shown)).toContain('Recorded 50 of 70 transfers…');
          return shown;
        },
        { what: 'the commit’s progress' },
      );
      expect(html).toContain('http-equiv="refresh"');
      expect(html).toMatch(/<progress max="70" value="50">/);
    });
    // Finished is the badge: the preview's "Recorded" count reaches 70 a moment before the commit ends.
    const done = await eventually(
      async () => {
        const html = await (await staff.get(page)).text();
        expect(html).toContain('class="badge badge-committed"');
        return html;
      },
      { what: 'the commit to finish' },
    );
    expect(visibleText(done)).toContain('Recorded 70');
    expect(done).not.toContain('http-equiv="refresh"');
  });

  it('says a cut-off commit stopped and keeps what it recorded, and commits the rest when asked again', async () => {
    const payer = await newCustomer(db(), 'Cut Payer');
    const page = await mappedStatement('cut', [`2026-09-03,3.00,EUR,${customerReference(payer.id)}`, `2026-09-04,4.00,EUR,${customerReference(payer.id)}`]);
    const id = page.split('/').at(-1)!;
    await db()
      .update(readingImports)
      .set({ status: 'committing', updatedAt: sql`now() - interval '5 minutes'` })
      .where(eq(readingImports.id, id));
    const text = visibleText(await (await staff.get(page)).text());
    expect(text).toContain('Recording the transfers stopped before it finished: the process running it ended. What it recorded stays recorded; commit again below to record the rest.');
    const before = await paymentCount(db());
    expect((await staff.postForm(page, { intent: 'commit' })).status).toBe(302);
    await eventually(async () => expect(await (await staff.get(page)).text()).toContain('class="badge badge-committed"'), { what: 'the commit to finish' });
    expect(await paymentCount(db())).toBe(before + 2);
  });
});

// Driving the staff import pages over HTTP as a browser without JavaScript does: uploading a file,
// reading the forms and the preview off the page, and waiting for a running step to settle.
import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import { meterReadings, readingImports } from '../../db/schema.js';
import { eventually } from '../support/eventually.js';
import type { PortalHarness } from '../support/portal-harness.js';
import type { StaffBrowser } from '../support/staff-browser.js';
import { visibleText as pageText } from './page-text.js';

export const SOURCE = 'field-sheets';

// Lines 2..8 of the file (line 1 is the header): line 5 has a date that is no date, line 6 names
// a meter key the customer does not have. Times have no offset: they are in the portal's zone
// (Europe/Berlin, UTC+2 in April).
export const READINGS_CSV = [
  'customer email,meter key,read at,value,unit',
  'ada@import.test,data,2026-04-01 08:00,100,GB',
  'ada@import.test,data,2026-04-02 08:00,150.5,GB',
  'ada@import.test,voice,2026-04-02 09:30,42,min',
  'ada@import.test,data,2026-04-31 08:00,160,GB',
  'grace@import.test,power,2026-04-02 08:00,7,kWh',
  'grace@import.test,data,2026-04-03 10:15,2500,MB',
  'ada@import.test,data,2026-04-03 08:00,175.5,GB',
].join('\n');

/** The page's text as a browser shows it (React's separators between adjacent texts take no room). */
export function visibleText(html: string): string {
  return pageText(html.replace(/<!-- -->/g, ''));
}




export function uploadForm(file: { name: string; content: string | Uint8Array<ArrayBuffer>; type?: string }, source = SOURCE): FormData {
  const form = new FormData();
  form.set('source', source);
  form.set('delimiter', '');
  form.set('hasHeader', 'detect');
  form.set('file', new Blob([file.content], { type: file.type ?? 'text/csv' }), file.name);
  return form;
}


/** The fields of the form that holds `marker` (such as the mapping form's intent), as a browser would post them unchanged. */
export function formFields(html: string, marker: string): Record<string, string> {
  const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((match) => match[0]).find((candidate) => candidate.includes(marker));
  if (!form) throw new Error(`no form with ${marker} on the page`);
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = attribute(input, 'name');
    if (name && attribute(input, 'type') !== 'file') fields[name] = attribute(input, 'value') ?? '';
  }
  for (const [, open = '', options = ''] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(open, 'name');
    const chosen = [...options.matchAll(/<option[^>]*>/g)].map(([option]) => option).find((option) => /\sselected(=""|\s|>)/.test(option));
    if (name) fields[name] = chosen ? (attribute(chosen, 'value') ?? '') : '';
  }
  return fields;
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value?.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The preview's invalid rows as the table shows them. */
export function invalidRows(html: string): { line: number; column: string; reason: string }[] {
  const table = /<h2>Invalid rows<\/h2>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr><td class="number">(\d+)<\/td><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)].map(([, line, column, reason]) => ({
    line: Number(line),
    column: visibleText(column!),
    reason: visibleText(reason!),
  }));
}

/** A signed-in staff member's steps on the import pages; `session` is filled in by the test's beforeAll. */
export function importPageSteps(session: { harness?: PortalHarness; staff?: StaffBrowser }) {
  const harness = () => session.harness!;
  const staff = () => session.staff!;

  async function page(path: string): Promise<string> {
    const response = await staff().get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.text();
  }

  async function readingTotal(): Promise<number> {
    return (await harness().stack.ctx.db.select({ n: count() }).from(meterReadings))[0]?.n ?? 0;
  }

  async function importTotal(): Promise<number> {
    return (await harness().stack.ctx.db.select({ n: count() }).from(readingImports))[0]?.n ?? 0;
  }

  /** Uploads through the Imports page's form; returns the new import's page (where the redirect leads). */
  async function upload(file: { name: string; content: string | Uint8Array<ArrayBuffer> }, source = SOURCE): Promise<string> {
    await page('/staff/imports');
    const response = await staff().postForm('/staff/imports', uploadForm(file, source));
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/staff\/imports\/[0-9a-f-]{36}$/);
    return location;
  }

  /** Follows the page's own refresh until the running step is done; returns the settled page. */
  async function settled(path: string, status: string): Promise<string> {
    return eventually(
      async () => {
        const html = await page(path);
        const shown = /class="badge badge-(\w+)"/.exec(html)?.[1];
        if (shown !== status) throw new Error(`the import shows ${shown}, not ${status}`);
        expect(html).not.toContain('http-equiv="refresh"');
        return html;
      },
      { what: `the import to show ${status}` },
    );
  }

  return { page, readingTotal, importTotal, upload, settled };
}

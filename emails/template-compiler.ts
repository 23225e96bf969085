import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import mjml2html from 'mjml';

// Templates are compiled once into HTML that still holds `{{name}}` / `{{{name}}}` placeholders,
// then filled per send. Compiling MJML takes tens of milliseconds; filling takes microseconds.

// Beside this module when it runs from source (worker, CLI, tests). The portal's server bundle
// (build/server/index.js) has no templates beside it; it runs from the project folder, so it
// reads them from emails/templates there (mail sent straight from a request: sign-in links,
// answers to inbound mail).
const besideModule = new URL('./templates/', import.meta.url);
const templatesFolder = existsSync(besideModule) ? besideModule : pathToFileURL(`${resolve('emails', 'templates')}/`);

/** Compiles MJML source with strict validation; the error names the template so a bad one is easy to find. */
export async function compileMjml(source: string, templateName: string): Promise<string> {
  try {
    // No `minify`: it is broken on Node 20 with mjml 5 (see STACK-NOTES).
    const { html } = await mjml2html(source, { validationLevel: 'strict' });
    return html;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`MJML template "${templateName}" is invalid: ${reason}`, { cause: error });
  }
}

// The promise is cached, not the result, so concurrent first renders share one compilation.
const compiledHtmlByName = new Map<string, Promise<string>>();
const textByName = new Map<string, Promise<string>>();

/** The compiled HTML of `templates/<name>.mjml`, compiled at most once per process. */
export function loadCompiledTemplate(name: string): Promise<string> {
  return cacheOnce(compiledHtmlByName, name, async () => compileMjml(await readTemplateFile(`${name}.mjml`), name));
}

/** The plain-text part `templates/<name>.txt`, read at most once per process. */
export function loadTextTemplate(name: string): Promise<string> {
  return cacheOnce(textByName, name, () => readTemplateFile(`${name}.txt`));
}

function readTemplateFile(fileName: string): Promise<string> {
  return readFile(new URL(fileName, templatesFolder), 'utf8');
}

function cacheOnce(cache: Map<string, Promise<string>>, key: string, load: () => Promise<string>): Promise<string> {
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = load();
  cache.set(key, loading);
  // A failure is not cached: the next send tries again instead of failing forever on a transient error.
  loading.catch(() => cache.delete(key));
  return loading;
}

export interface FillOptions {
  /** true for HTML (`{{name}}` is HTML-escaped), false for the plain-text part. */
  escape: boolean;
}

// `{{{name}}}` first, so its inner `{{name}}` is never matched on its own.
const placeholderPattern = /\{\{\{\s*([\w-]+)\s*\}\}\}|\{\{\s*([\w-]+)\s*\}\}/g;

/**
 * Replaces `{{name}}` (escaped when `escape` is set) and `{{{name}}}` (always raw: only for HTML our own
 * code built with escaping). One pass, so a value that contains `{{...}}` is inserted literally.
 * A missing value throws: an email with a silently blank amount is worse than no email.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>, options: FillOptions): string {
  return template.replace(placeholderPattern, (_match, rawKey: string | undefined, escapedKey: string | undefined) => {
    const key = rawKey ?? escapedKey ?? '';
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (typeof value !== 'string') throw new Error(`Missing value for template placeholder "${key}"`);
    return options.escape && escapedKey !== undefined ? escapeHtml(value) : value;
  });
}

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

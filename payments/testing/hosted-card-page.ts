// Fills the stand-in's hosted card page as a browser without JavaScript would: GET the page,
// POST its form to the form's action. No browser needed.

export interface PageResult {
  status: number;
  /** Where a 303 sends the browser; null otherwise. */
  location: string | null;
  html: string;
}

export async function openPage(url: string): Promise<PageResult> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Posts `fields` to the first form on the page at `pageUrl` (or the form whose action contains `formAction`). */
export async function submitForm(pageUrl: string, html: string, fields: Record<string, string>): Promise<PageResult> {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`No form on ${pageUrl}`);
  const response = await fetch(new URL(action.replaceAll('&amp;', '&'), pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Opens the card page and saves the card: `expiry` as MM/YY. */
export async function fillCardPage(url: string, card: { number: string; expiry: string; cvc: string }): Promise<PageResult> {
  const page = await openPage(url);
  if (page.status !== 200) throw new Error(`The card page answered ${page.status}`);
  return submitForm(url, page.html, card);
}

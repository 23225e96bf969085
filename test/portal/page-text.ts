// Reading server-rendered pages the way a person reads them: the visible text, and the links.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

/** The page's text without markup, scripts or styles, whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every link target on the page that matches, in page order. */
export function links(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&')).filter((href) => pattern.test(href));
}

/** The text of each element with this class (for one value per row, such as a running balance). */
export function textOfClass(html: string, className: string): string[] {
  const pattern = new RegExp(`<(\\w+)[^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>([\\s\\S]*?)</\\1>`, 'g');
  return [...html.matchAll(pattern)].map((match) => visibleText(match[2]!));
}

// Where to send someone back to after signing in: the page they were on their way to, named in
// a query string or form field that anyone can write. The one rule for every sign-in (staff and
// customer): only a path on this site, judged as the browser will read the redirect.

const BASE = 'http://portal.invalid';

/**
 * The target as a path of this site (path, query and fragment), or null when it could lead
 * anywhere else. It is resolved the way a browser resolves it (tabs and newlines dropped, `\` read
 * as `/`, `.` and `..` segments and their %2e spellings removed) and what is returned is that
 * resolved path, so `/.//evil.example` (which resolves to `//evil.example`, another site) is refused
 * rather than sent on.
 */
export function returnPath(target: unknown): string | null {
  if (typeof target !== 'string' || !target.startsWith('/')) return null;
  let resolved: URL;
  try {
    resolved = new URL(target, BASE);
  } catch {
    return null;
  }
  if (resolved.origin !== BASE) return null;
  // A Location starting with `//` or `/\` names another host, whatever the path looked like before.
  if (!resolved.pathname.startsWith('/') || /^\/[/\\]/.test(resolved.pathname)) return null;
  return resolved.pathname + resolved.search + resolved.hash;
}

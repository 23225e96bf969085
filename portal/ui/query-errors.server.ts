import { ZodError } from 'zod';
import { ValidationError } from '../../server/services/errors.js';

/**
 * Runs a list page's query; a malformed filter or cursor in the address (a hand-edited link)
 * becomes a 400 page naming the parameter, instead of a server error.
 */
export async function withQueryErrors<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const problems =
      error instanceof ValidationError
        ? error.problems.map((problem) => `${problem.field} ${problem.message}`)
        : error instanceof ZodError
          ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          : null;
    if (!problems) throw error;
    throw new Response(`This address has a parameter Uplink cannot use (${problems.join('; ')}). Go back and try the filters again.`, {
      status: 400,
      statusText: 'Bad Request',
    });
  }
}

/** The query string as service input: empty fields (an unused filter) are left out. */
export function queryParams(request: Request, names: readonly string[]): Record<string, string> {
  const params = new URL(request.url).searchParams;
  return Object.fromEntries(names.flatMap((name) => {
    const value = params.get(name);
    return value ? [[name, value]] : [];
  }));
}

import { NotFoundError } from '../../server/services/errors.js';

/** Loads a record for a page; a missing one becomes the 404 error page, naming what is missing. */
export async function notFoundAs404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response(`The ${error.entity} ${error.id} does not exist.`, { status: 404, statusText: 'Not Found' });
    throw error;
  }
}

import { data } from '@remix-run/node';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../../server/services/errors.js';

/**
 * Runs a form's service call and turns refusals into answers the page can show next to the
 * fields (422) instead of an error page; anything else is a real failure and propagates.
 */
export async function withFormErrors<T>(work: () => Promise<T>) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (error instanceof ValidationError) {
      const errors = Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message]));
      return { ok: false as const, response: data({ errors }, { status: 422 }) };
    }
    if (error instanceof NotFoundError) {
      return { ok: false as const, response: data({ errors: { form: error.message } as Record<string, string> }, { status: 404 }) };
    }
    // Well formed, but the state does not allow it (a plan change refused by the account workflow).
    if (error instanceof ConflictError) {
      return { ok: false as const, response: data({ errors: { form: error.message } as Record<string, string> }, { status: 409 }) };
    }
    // Something the form needs did not answer (the card gateway): the page says what to do.
    if (error instanceof ServiceUnavailableError) {
      return { ok: false as const, response: data({ errors: { form: error.message } as Record<string, string> }, { status: 503 }) };
    }
    throw error;
  }
}

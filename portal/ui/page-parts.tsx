// Small building blocks every staff page uses, so pages look and behave the same.
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}

/**
 * "Next page" for cursor-paginated lists; keeps the other query parameters (search, filters).
 * A page with several lists names each one's cursor parameter (`param`).
 */
export function NextPageLink({ nextCursor, search, param = 'cursor' }: { nextCursor: string | null; search: string; param?: string }) {
  if (!nextCursor) return null;
  const params = new URLSearchParams(search);
  params.set(param, nextCursor);
  return (
    <nav className="pagination" aria-label="Pagination">
      <Link to={`?${params}`}>Next page →</Link>
    </nav>
  );
}

/** The errors an action returned for one field, next to that field. */
export function FieldError({ errors, field }: { errors: Record<string, string> | undefined; field: string }) {
  const message = errors?.[field];
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

// The filter bar above a list: a GET form (so a filtered list is a link staff can share), a
// status choice, any extra fields the list needs, and a way back to the unfiltered list.
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';

export interface StatusChoice {
  value: string;
  label: string;
}

export function ListFilters(props: {
  statuses: readonly StatusChoice[];
  status: string;
  /** Where "Clear" goes; shown only while a filter is applied. */
  clearTo: string;
  filtered: boolean;
  children?: ReactNode;
}) {
  return (
    <Form method="get" className="inline-form filters" role="search">
      {props.children}
      <label>
        Status
        <select name="status" defaultValue={props.status}>
          <option value="">Any status</option>
          {props.statuses.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary">
        Filter
      </button>
      {props.filtered ? <Link to={props.clearTo}>Clear</Link> : null}
    </Form>
  );
}

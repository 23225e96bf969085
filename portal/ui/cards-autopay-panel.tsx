// A customer's cards on file (brand, last four, expiry; the default and the expired ones marked)
// and autopay, with a small form to turn it on or off. Cards themselves are added by the customer
// on the gateway's page, never here.
import { Form } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';

export interface CustomerCardsView {
  autopay: boolean;
  /** Whether the default card can still be charged: autopay cannot be turned on otherwise. */
  canTurnOn: boolean;
  cards: { id: string; brand: string; last4: string; expiry: string; isDefault: boolean; expired: boolean; savedAt: string }[];
}

export function CardsAndAutopayPanel({ cards, errors }: { cards: CustomerCardsView; errors: Record<string, string> | undefined }) {
  return (
    <section className="page-section cards-autopay" aria-labelledby="cards-heading">
      <h2 id="cards-heading">Cards and autopay</h2>
      {cards.cards.length === 0 ? (
        <p className="hint">No card on file. The customer adds one on their card page.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Card</th>
              <th>Expires</th>
              <th>Status</th>
              <th>Saved</th>
            </tr>
          </thead>
          <tbody>
            {cards.cards.map((card) => (
              <tr key={card.id} className="card-on-file">
                <td>
                  {card.brand} ending {card.last4}
                </td>
                <td>{card.expiry}</td>
                <td>
                  {card.isDefault ? <span className="badge card-default">Default</span> : null}{' '}
                  {card.expired ? <strong className="card-expired">Expired</strong> : null}
                </td>
                <td>{card.savedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="customer-autopay">
        {cards.autopay ? 'Autopay is on: each invoice is charged to the default card when it is issued.' : 'Autopay is off: the customer pays each invoice themselves.'}
      </p>
      <Form method="post" className="inline-form">
        <CsrfField />
        <input type="hidden" name="intent" value="autopay" />
        {cards.autopay ? (
          <button type="submit" name="autopay" value="off" className="secondary">
            Turn autopay off
          </button>
        ) : (
          <button type="submit" name="autopay" value="on">
            Turn autopay on
          </button>
        )}
      </Form>
      <FieldError errors={errors} field="autopay" />
      {!cards.autopay && !cards.canTurnOn ? <p className="hint">Autopay needs a default card that has not expired.</p> : null}
    </section>
  );
}

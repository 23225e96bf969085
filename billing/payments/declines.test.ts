import { describe, expect, it } from 'vitest';
import { KNOWN_DECLINE_CODES, declineKind, declineSentence } from './declines.js';

describe('declineKind', () => {
  it.each(['insufficient_funds', 'generic_decline', 'try_again_later', 'processing_error', 'do_not_honor', 'card_velocity_exceeded'])(
    '%s is soft: the card is tried again on the dunning days',
    (declineCode) => expect(declineKind('card_declined', declineCode)).toBe('soft'),
  );

  it.each([
    'stolen_card', 'lost_card', 'pickup_card', 'expired_card', 'incorrect_number', 'invalid_account',
    'card_not_supported', 'restricted_card', 'fraudulent', 'revocation_of_authorization',
  ])('%s is hard: retrying the same card cannot help', (declineCode) => {
    expect(declineKind('card_declined', declineCode)).toBe('hard');
  });

  it('authentication_required is neither soft nor hard', () => {
    expect(declineKind('authentication_required', 'authentication_required')).toBe('needs_authentication');
    expect(declineKind('authentication_required')).toBe('needs_authentication');
  });

  it('reads the error code when there is no decline code', () => {
    expect(declineKind('expired_card')).toBe('hard');
    expect(declineKind('processing_error', null)).toBe('soft');
    expect(declineKind('incorrect_cvc')).toBe('hard');
  });

  it('prefers the decline code to the umbrella error code', () => {
    expect(declineKind('card_declined', 'stolen_card')).toBe('hard');
    expect(declineKind('card_declined')).toBe('soft');
  });

  it('retries a reason it does not know, like a generic decline', () => {
    expect(declineKind('card_declined', 'a_reason_invented_tomorrow')).toBe('soft');
    expect(declineKind('something_new')).toBe('soft');
  });
});

describe('declineSentence', () => {
  it('says in plain words why the bank declined', () => {
    expect(declineSentence('expired_card', 'expired_card')).toBe('Your bank declined the payment because the card has expired.');
    expect(declineSentence('card_declined', 'insufficient_funds')).toBe(
      'Your bank declined the payment because there were not enough funds on the card.',
    );
    expect(declineSentence('incorrect_number')).toBe('Your bank declined the payment because the card number is not correct.');
  });

  it('does not tell a card thief which check caught them', () => {
    for (const code of ['stolen_card', 'lost_card', 'pickup_card', 'fraudulent']) {
      expect(declineSentence('card_declined', code)).toBe('Your bank declined the payment.');
    }
  });

  it('asks for authentication instead of speaking of a decline', () => {
    expect(declineSentence('authentication_required', 'authentication_required')).toBe(
      'Your bank needs you to confirm this payment yourself before it can go through.',
    );
  });

  it('has a sentence for every code it knows and for unknown ones', () => {
    for (const code of [...KNOWN_DECLINE_CODES, 'never_heard_of_it']) {
      expect(declineSentence('card_declined', code)).toMatch(/^Your bank [a-z][^.]*\.$/);
    }
  });
});

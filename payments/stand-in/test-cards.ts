// Stripe's test card numbers and what each does when charged. The number decides the behaviour once,
// when the card is saved; afterwards only the behaviour is kept, never the number.
//
// Unlike Stripe, where a few of these are refused already when the card is saved, the stand-in
// saves every test card and declines when it is charged: that is where billing meets a decline
// (autopay, off-session), so each decline can be tried there with a card on file.
// Stripe asks 4000 0025 0000 3155 for 3-D Secure only when it was not set up for later payments;
// here it asks on every payment, like 4000 0027 6000 3184, so the authentication path can be tried
// with the card everyone knows.

export type ChargeBehaviour =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  /** The bank wants 3-D Secure on every payment. */
  | { kind: 'authenticate' };

export interface TestCard {
  brand: string;
  funding: 'credit' | 'debit';
  behaviour: ChargeBehaviour;
}

const succeed: ChargeBehaviour = { kind: 'succeed' };
const authenticate: ChargeBehaviour = { kind: 'authenticate' };
const declined = (declineCode: string, message = 'Your card was declined.', code = 'card_declined'): ChargeBehaviour => ({
  kind: 'decline',
  code,
  declineCode,
  message,
});

const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  '4242424242424242': { brand: 'visa', funding: 'credit', behaviour: succeed },
  '4000056655665556': { brand: 'visa', funding: 'debit', behaviour: succeed },
  '5555555555554444': { brand: 'mastercard', funding: 'credit', behaviour: succeed },
  '2223003122003222': { brand: 'mastercard', funding: 'credit', behaviour: succeed },
  '378282246310005': { brand: 'amex', funding: 'credit', behaviour: succeed },
  '4000000000000002': { brand: 'visa', funding: 'credit', behaviour: declined('generic_decline') },
  '4000000000000341': { brand: 'visa', funding: 'credit', behaviour: declined('generic_decline') },
  '4000000000009995': { brand: 'visa', funding: 'credit', behaviour: declined('insufficient_funds', 'Your card has insufficient funds.') },
  '4000000000009987': { brand: 'visa', funding: 'credit', behaviour: declined('lost_card') },
  '4000000000009979': { brand: 'visa', funding: 'credit', behaviour: declined('stolen_card') },
  '4000000000000069': { brand: 'visa', funding: 'credit', behaviour: declined('expired_card', 'Your card has expired.', 'expired_card') },
  '4000000000000127': {
    brand: 'visa',
    funding: 'credit',
    behaviour: declined('incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc'),
  },
  '4000000000000119': {
    brand: 'visa',
    funding: 'credit',
    behaviour: declined('processing_error', 'An error occurred while processing your card. Try again in a little bit.', 'processing_error'),
  },
  '4000002500003155': { brand: 'visa', funding: 'credit', behaviour: authenticate },
  '4000002760003184': { brand: 'visa', funding: 'credit', behaviour: authenticate },
  '4000000000003220': { brand: 'visa', funding: 'credit', behaviour: authenticate },
};

export function testCard(number: string): TestCard | undefined {
  return TEST_CARDS[number];
}

/** The card network from the number's leading digits. */
export function brandOf(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  if (/^3(0[0-5]|[68])/.test(number)) return 'diners';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}

/** The check digit every card number carries, so a typo is caught before any bank is asked. */
export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return number.length > 0 && sum % 10 === 0;
}

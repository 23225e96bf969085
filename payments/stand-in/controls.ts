// Test controls under /_stand-in/ (not Stripe's API): what the bank, the card holder or Stripe's
// own schedule would do (disputes, payouts), a card saved without a browser, and a hand on the
// webhook deliveries (pause, resume, redeliver, endpoint) and on the network (drop answers).
import { saveCard } from './customers.js';
import { closeDispute, openDispute, payOutBalance } from './disputes.js';
import { StandInError, invalidRequest } from './errors.js';
import { NO_REQUEST } from './events.js';
import { decodePathSegment } from './ids.js';
import type { StandInState } from './state.js';
import type { WebhookSender } from './webhook-sender.js';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export interface Faults {
  /** How many of the next API answers to drop after doing the work: the caller sees the connection close. */
  dropResponses: number;
}

export interface ControlContext {
  state: StandInState;
  sender: WebhookSender;
  faults: Faults;
}

type Input = Record<string, unknown>;
type Control = (context: ControlContext, ids: string[], input: Input) => ControlAnswer | Promise<ControlAnswer>;

const ok = (body: unknown): ControlAnswer => ({ status: 200, body });

const CONTROLS: [method: string, pattern: RegExp, control: Control][] = [
  ['POST', /^\/_stand-in\/customers\/([^/]+)\/cards$/, saveCardControl],
  ['POST', /^\/_stand-in\/charges\/([^/]+)\/disputes$/, (c, [chargeId], input) =>
    ok(openDispute(c.state, chargeId!, { amount: optionalNumber(input, 'amount'), reason: optionalText(input, 'reason') }))],
  ['POST', /^\/_stand-in\/disputes\/([^/]+)\/close$/, (c, [disputeId], input) => {
    const status = input.status;
    if (status !== 'won' && status !== 'lost') throw invalidRequest('status must be won or lost', { param: 'status' });
    return ok(closeDispute(c.state, disputeId!, status));
  }],
  ['POST', /^\/_stand-in\/payouts$/, (c, _ids, input) => ok({ data: payOutBalance(c.state, optionalText(input, 'currency')) })],
  ['GET', /^\/_stand-in\/events$/, (c) =>
    ok({ data: c.state.events.list().map((event) => ({ ...event, delivery: c.sender.delivery(event.id) })) })],
  ['POST', /^\/_stand-in\/events\/([^/]+)\/redeliver$/, async (c, [eventId]) => {
    const event = c.state.store.get(eventId!, 'event');
    return ok(await c.sender.redeliver(event));
  }],
  ['GET', /^\/_stand-in\/webhooks$/, (c) => ok(c.sender.status())],
  ['POST', /^\/_stand-in\/webhooks$/, (c, _ids, input) => {
    const url = input.url;
    if (url !== null && (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))) throw invalidRequest('url must be an http(s) URL or null', { param: 'url' });
    const secret = optionalText(input, 'secret') ?? c.sender.getEndpoint()?.secret;
    if (url !== null && !secret) throw invalidRequest('secret is needed for the first endpoint', { param: 'secret' });
    c.sender.setEndpoint(url === null ? null : { url, secret: secret! });
    return ok(c.sender.status());
  }],
  ['POST', /^\/_stand-in\/webhooks\/pause$/, (c) => {
    c.sender.pause();
    return ok(c.sender.status());
  }],
  ['POST', /^\/_stand-in\/webhooks\/resume$/, (c) => {
    c.sender.resume();
    return ok(c.sender.status());
  }],
  ['POST', /^\/_stand-in\/faults$/, (c, _ids, input) => {
    const drop = optionalNumber(input, 'drop_responses');
    if (drop !== undefined) c.faults.dropResponses = drop;
    return ok({ drop_responses: c.faults.dropResponses });
  }],
];

/** Answers a /_stand-in/ request, or null when no control has that path. */
export async function runControl(context: ControlContext, method: string, path: string, input: Input): Promise<ControlAnswer | null> {
  for (const [controlMethod, pattern, control] of CONTROLS) {
    const match = pattern.exec(path);
    if (!match || controlMethod !== method) continue;
    try {
      return await control(context, match.slice(1).map(decodePathSegment), input);
    } catch (error) {
      if (error instanceof StandInError) return { status: error.status, body: error.body };
      throw error;
    }
  }
  return null;
}

/** `{ number, exp_month, exp_year, cvc? }`: the card is checked and saved exactly as the hosted page saves it. */
function saveCardControl(context: ControlContext, [customerId]: string[], input: Input): ControlAnswer {
  const number = optionalText(input, 'number');
  if (number === undefined) throw invalidRequest('number is required', { param: 'number' });
  const expMonth = optionalNumber(input, 'exp_month');
  const expYear = optionalNumber(input, 'exp_year');
  if (expMonth === undefined || expYear === undefined) throw invalidRequest('exp_month and exp_year are required', { param: 'exp_month' });
  return ok(saveCard(context.state, customerId!, { number, expMonth, expYear, cvc: optionalText(input, 'cvc') ?? '123' }, NO_REQUEST));
}

function optionalText(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`${name} must be a string`, { param: name });
  return value;
}

function optionalNumber(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) throw invalidRequest(`${name} must be a whole number`, { param: name });
  return number;
}

import { describe, expect, it } from 'vitest';
import { readReplyIntent } from '../../emails/inbound/reply-intent.js';

describe('readReplyIntent', () => {
  it.each([
    'accept',
    'Accept',
    'Accepted.',
    'yes',
    'YES!',
    'Yes please',
    'I accept',
    'I accept the quote.',
    'We accept quote Q-2026-000014, thanks',
    'Approved',
    'ok, go ahead',
    'Go ahead.',
    'Yes, but no rush',
    'Yes but no rush',
    'No problem, accept',
    'Thanks! Yes.',
    'Hi Anna,\n\nYes, go ahead.',
    'Dear Test ISP team,\nI accept.\nCould you come on a Monday?',
    'Ja',
    'Ja, einverstanden.',
    'Akzeptiert',
    'Oui',
    "J'accepte",
    'J’accepte, merci',
    "D'accord",
    'Sí',
    'Acepto',
    'Akkoord',
    'Sí, acepto',
    'Hello Test ISP team, yes please',
    'Good morning,\nwe accept',
    'accept, thanks\nJohn',
  ])('%j accepts', (reply) => {
    expect(readReplyIntent(reply)).toBe('accept');
  });

  it.each([
    'decline',
    'No',
    'no.',
    'No thanks',
    'No, thank you. 480 € is more than we budgeted.',
    'Reject',
    'We decline – too expensive.',
    'Not interested',
    "I don't accept",
    'No, I do not accept.',
    'Nein',
    'Nein danke',
    'Ablehnen',
    'Non',
    'Non merci, nous avons trouvé moins cher ailleurs.',
    'Je refuse',
    'Rechazo',
    'No, gracias',
    'Nee',
    'Nein, danke',
    "I'm not interested",
    'No way',
  ])('%j declines', (reply) => {
    expect(readReplyIntent(reply)).toBe('decline');
  });

  it.each([
    ['empty', ''],
    ['a question', 'Could you do the installation on a Saturday instead? Then we would accept.'],
    ['a question about accepting', 'Accept?'],
    ['both answers', 'Yes. No.'],
    ['both answers in one clause', 'yes no'],
    ['yes and no', 'Yes and no, it depends on the date.'],
    ['OK alone decides nothing', 'OK'],
    ["OK then something else", "OK, I'll think about it"],
    ['sure then something else', 'Sure, let me check with my wife first'],
    ['no idea', 'No idea what this is about'],
    ['no problem alone', 'No problem'],
    ['thanks only', 'Thanks!'],
    ['a long message', 'We have been customers for ten years and would like to discuss the price of the router before we decide.'],
    ['negated accept in prose', 'I would not accept this'],
    ['decision deep in the text', 'Hi,\nthe technician was here last week.\nWe will see.\nYes.'],
    ['only a greeting', 'Hello Anna,'],
    ['"no" and "accept" in one line', 'No, I accept'],
    ['a Spanish question', '¿Acepto?'],
    ['a request to cancel', 'Please cancel'],
    ['quoted text only', '> Yes'],
  ])('%s is unknown', (_case, reply) => {
    expect(readReplyIntent(reply)).toBe('unknown');
  });

  it('reads only the opening: a later "no" does not undo an early "yes"', () => {
    expect(readReplyIntent('Yes.\n\nNo need to call before the visit.')).toBe('accept');
  });
});

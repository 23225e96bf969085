// Whether our receiving server vouches for a reply's From domain, read from headers as real mail
// servers write them (Gmail, Microsoft, Postfix with OpenDKIM/OpenDMARC/policyd-spf), and the
// forgeries a sender could put into a message before sending it.
import { describe, expect, it } from 'vitest';
import { alignedDomains, decideSenderAuthentication, parseAuthenticationResults, type InboundHeaderLine } from './sender-authentication.js';

const FROM = 'anna.customer@example.org';

/** Header lines from a block written as in a message (folded lines start with white space). */
function headers(block: string): InboundHeaderLine[] {
  return block
    .replace(/\r?\n[ \t]+/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ name: line.slice(0, line.indexOf(':')).toLowerCase(), value: line.slice(line.indexOf(':') + 1).trim() }));
}

const decide = (block: string, authservId: string | undefined, from: string | null = FROM) => decideSenderAuthentication({ from, headers: headers(block), authservId });

const GMAIL = `Delivered-To: billing-replies@gmail.com
Received: by 2002:a05:6a10:e0c3:b0:4a1:2c5f:1b7e with SMTP id bx3csp1234567pxb;
        Mon, 7 Dec 2026 09:12:01 -0800 (PST)
ARC-Seal: i=1; a=rsa-sha256; t=1796656321; cv=none; d=google.com; s=arc-20160816; b=AbC
ARC-Authentication-Results: i=1; mx.google.com;
       dkim=pass header.i=@example.org header.s=s1 header.b=Xy12Ab34;
       spf=pass (google.com: domain of anna.customer@example.org designates 203.0.113.5 as permitted sender) smtp.mailfrom=anna.customer@example.org;
       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org
Return-Path: <anna.customer@example.org>
Received: from out.example.org (out.example.org. [203.0.113.5])
        by mx.google.com with ESMTPS id a1si123456wrb.321.2026.12.07.09.12.01
        for <billing-replies@gmail.com>; Mon, 07 Dec 2026 09:12:01 -0800 (PST)
Received-SPF: pass (google.com: domain of anna.customer@example.org designates 203.0.113.5 as permitted sender) client-ip=203.0.113.5;
Authentication-Results: mx.google.com;
       dkim=pass header.i=@example.org header.s=s1 header.b=Xy12Ab34;
       spf=pass (google.com: domain of anna.customer@example.org designates 203.0.113.5 as permitted sender) smtp.mailfrom=anna.customer@example.org;
       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s1; h=from:to:subject; bh=abc=; b=def=
From: Anna Customer <anna.customer@example.org>
Subject: Re: Quote Q-2026-000001`;

const MICROSOFT = `Received: from AM0PR01MB1234.eurprd01.prod.exchangelabs.com by AM0PR01MB5678.eurprd01.prod.exchangelabs.com with HTTPS; Mon, 7 Dec 2026 17:12:03 +0000
Authentication-Results: mx.microsoft.com 1; spf=pass
 smtp.mailfrom=example.org; dmarc=pass action=none header.from=example.org;
 dkim=pass header.d=example.org; arc=none
From: Anna Customer <anna.customer@example.org>`;

/** Exchange Online's own form names no authserv-id: nothing tells it apart from one the sender wrote. */
const EXCHANGE_ONLINE_WITHOUT_ID = `Authentication-Results: spf=pass (sender IP is 203.0.113.5)
 smtp.mailfrom=example.org; dkim=pass (signature was verified)
 header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass
 reason=100
From: Anna Customer <anna.customer@example.org>`;

/** OpenDMARC and OpenDKIM each add a header, policyd-spf adds Received-SPF and its own, then Postfix's Received. */
const POSTFIX = `Authentication-Results: mail.isp.example; dmarc=pass (p=quarantine dis=none) header.from=example.org
Authentication-Results: mail.isp.example;
	dkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.a=rsa-sha256 header.s=mail header.b=AbCdEf12;
	dkim-atps=neutral
Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=203.0.113.5; helo=out.example.org; envelope-from=anna.customer@example.org; receiver=<UNKNOWN>
Authentication-Results: mail.isp.example; spf=pass (sender SPF authorized) smtp.mailfrom=example.org (client-ip=203.0.113.5; helo=out.example.org; envelope-from=anna.customer@example.org)
Received: from out.example.org (out.example.org [203.0.113.5]) by mail.isp.example (Postfix) with ESMTPS id 4QxYz1
From: Anna Customer <anna.customer@example.org>`;

describe('real receiving servers', () => {
  it('Gmail: dmarc=pass for the From domain passes; the ARC copy above it is not read', () => {
    expect(decide(GMAIL, 'mx.google.com')).toEqual({ verdict: 'pass', reason: 'mx.google.com reported dmarc=pass for example.org' });
    // Without DMARC, Gmail's DKIM result names the signer as header.i=@example.org: aligned.
    const withoutDmarc = GMAIL.replaceAll(/;\s*dmarc=pass \(p=REJECT sp=REJECT dis=NONE\) header.from=example.org/g, '');
    expect(decide(withoutDmarc, 'mx.google.com')).toMatchObject({ verdict: 'pass', reason: 'mx.google.com reported dkim=pass for header.i=example.org, aligned with the From domain example.org' });
  });

  it('Microsoft with an authserv-id and version passes; Exchange Online without an authserv-id counts as no header at all', () => {
    expect(decide(MICROSOFT, 'mx.microsoft.com')).toMatchObject({ verdict: 'pass' });
    expect(decide(EXCHANGE_ONLINE_WITHOUT_ID, 'mx.microsoft.com')).toEqual({ verdict: 'none', reason: 'the message has no Authentication-Results header from mx.microsoft.com' });
  });

  it('Postfix with OpenDKIM, OpenDMARC and policyd-spf: the whole group at the top is read', () => {
    expect(decide(POSTFIX, 'mail.isp.example')).toMatchObject({ verdict: 'pass', reason: 'mail.isp.example reported dmarc=pass for example.org' });
    // No OpenDMARC: the DKIM pass in the second header of the group is aligned.
    const withoutDmarc = POSTFIX.split('\n').slice(1).join('\n');
    expect(decide(withoutDmarc, 'mail.isp.example')).toMatchObject({ verdict: 'pass', reason: 'mail.isp.example reported dkim=pass for header.d=example.org, aligned with the From domain example.org' });
    // Only SPF, below Received-SPF: still our server's group.
    const onlySpf = POSTFIX.split('\n').slice(4).join('\n');
    expect(decide(onlySpf, 'mail.isp.example')).toMatchObject({ verdict: 'pass', reason: 'mail.isp.example reported spf=pass for smtp.mailfrom=example.org, aligned with the From domain example.org' });
  });

  it('the authserv-id is compared without regard to case', () => {
    expect(decide(POSTFIX, 'Mail.ISP.example')).toMatchObject({ verdict: 'pass' });
  });
});

describe('forgeries and failures', () => {
  it('a header naming another server is ignored, however good it looks', () => {
    const forged = `Authentication-Results: mx.attacker.example; dmarc=pass header.from=example.org; dkim=pass header.d=example.org
From: Anna Customer <anna.customer@example.org>`;
    expect(decide(forged, 'mail.isp.example')).toEqual({ verdict: 'none', reason: 'the message has no Authentication-Results header from mail.isp.example' });
    // Our server's own verdict beside it decides.
    const ours = `Authentication-Results: mail.isp.example; spf=fail smtp.mailfrom=attacker.example; dkim=none
${forged}`;
    expect(decide(ours, 'mail.isp.example')).toMatchObject({ verdict: 'fail' });
  });

  it('a header naming our server below our server\'s own Received line was in the message before it arrived: ignored', () => {
    const block = `Authentication-Results: mail.isp.example; spf=softfail smtp.mailfrom=attacker.example; dkim=none
Received: from attacker.example by mail.isp.example (Postfix) with ESMTP id 4Qab
Authentication-Results: mail.isp.example; dmarc=pass header.from=example.org
From: Anna Customer <anna.customer@example.org>`;
    expect(decide(block, 'mail.isp.example')).toEqual({
      verdict: 'fail',
      reason: 'mail.isp.example reported no DMARC pass and no SPF or DKIM pass aligned with the From domain example.org (spf=softfail smtp.mailfrom=attacker.example; dkim=none)',
    });
  });

  it('a forged pass right beside our server\'s failure for the same check is not believed', () => {
    const block = `Authentication-Results: mail.isp.example; dkim=fail (bad signature) header.d=example.org
Authentication-Results: mail.isp.example; dkim=pass header.d=example.org`;
    expect(decide(block, 'mail.isp.example')).toMatchObject({ verdict: 'fail' });
    const dmarc = `Authentication-Results: mail.isp.example; dmarc=fail (p=reject dis=reject) header.from=example.org
Authentication-Results: mail.isp.example; dmarc=pass header.from=example.org`;
    expect(decide(dmarc, 'mail.isp.example')).toEqual({ verdict: 'fail', reason: 'mail.isp.example reported both dmarc=pass and dmarc=fail for example.org' });
  });

  it('DKIM signed by the mailing service\'s own domain is not aligned with the From domain', () => {
    const block = `Authentication-Results: mail.isp.example; dkim=pass header.d=mailer.example header.s=k1; spf=pass smtp.mailfrom=bounces+123@bounce.mailer.example`;
    expect(decide(block, 'mail.isp.example')).toEqual({
      verdict: 'fail',
      reason: 'mail.isp.example reported no DMARC pass and no SPF or DKIM pass aligned with the From domain example.org (dkim=pass header.d=mailer.example; spf=pass smtp.mailfrom=bounce.mailer.example)',
    });
  });

  it('dmarc=fail fails even beside an SPF or DKIM pass', () => {
    const block = `Authentication-Results: mail.isp.example; dkim=pass header.d=example.org; dmarc=fail (p=none dis=none) header.from=example.org`;
    expect(decide(block, 'mail.isp.example')).toEqual({ verdict: 'fail', reason: 'mail.isp.example reported dmarc=fail for example.org' });
  });

  it('a DMARC verdict about another From domain says nothing about this one', () => {
    const block = `Authentication-Results: mail.isp.example; dmarc=pass header.from=other.example; spf=none smtp.mailfrom=example.org`;
    expect(decide(block, 'mail.isp.example')).toMatchObject({ verdict: 'fail' });
  });

  it('no header, no results, no configured authserv-id, no From: never a pass', () => {
    expect(decide('From: Anna Customer <anna.customer@example.org>', 'mail.isp.example')).toMatchObject({ verdict: 'none' });
    expect(decide('Authentication-Results: mail.isp.example; none', 'mail.isp.example')).toEqual({ verdict: 'none', reason: 'mail.isp.example reported no authentication results' });
    expect(decide(POSTFIX, undefined)).toMatchObject({ verdict: 'none', reason: expect.stringContaining('UPLINK_INBOUND_AUTHSERV_ID') });
    expect(decide(POSTFIX, '  ')).toMatchObject({ verdict: 'none' });
    expect(decide(POSTFIX, 'mail.isp.example', null)).toMatchObject({ verdict: 'fail' });
  });
});

describe('alignment', () => {
  it('equal domains and subdomains align, on label boundaries, never through a bare top-level domain', () => {
    expect(alignedDomains('example.org', 'EXAMPLE.org.')).toBe(true);
    expect(alignedDomains('mail.example.org', 'example.org')).toBe(true);
    expect(alignedDomains('example.org', 'eu.mail.example.org')).toBe(true);
    expect(alignedDomains('notexample.org', 'example.org')).toBe(false);
    expect(alignedDomains('org', 'example.org')).toBe(false);
    // Siblings under one organizational domain: DMARC would align them; this simpler rule does not.
    expect(alignedDomains('mail.example.org', 'news.example.org')).toBe(false);
    const block = `Authentication-Results: mail.isp.example; dkim=pass header.d=mail.example.org`;
    expect(decide(block, 'mail.isp.example')).toMatchObject({ verdict: 'pass' });
    expect(decide(block, 'mail.isp.example', 'anna@notexample.org')).toMatchObject({ verdict: 'fail' });
  });
});

describe('reading one header', () => {
  it('comments (nested, holding ";" and "="), quoted strings, versions and several results', () => {
    const parsed = parseAuthenticationResults(
      'mx.isp.example 1 (our; border=mx) ; dkim/1=pass (good (really; yes)) header.d=example.org header.b="a;b(c)=" ;\r\n spf = pass smtp.mailfrom="anna@example.org"; arc=none; iprev=pass policy.iprev=203.0.113.5',
    );
    expect(parsed).toEqual({
      authservId: 'mx.isp.example',
      results: [
        { method: 'dkim', result: 'pass', reason: null, properties: { 'header.d': 'example.org', 'header.b': 'a;b(c)=' } },
        { method: 'spf', result: 'pass', reason: null, properties: { 'smtp.mailfrom': 'anna@example.org' } },
        { method: 'arc', result: 'none', reason: null, properties: {} },
        { method: 'iprev', result: 'pass', reason: null, properties: { 'policy.iprev': '203.0.113.5' } },
      ],
    });
  });

  it('a reason, a quoted authserv-id, and "none"', () => {
    expect(parseAuthenticationResults('"mx.isp.example"; dmarc=fail reason="policy; p=reject" header.from=example.org')).toEqual({
      authservId: 'mx.isp.example',
      results: [{ method: 'dmarc', result: 'fail', reason: 'policy; p=reject', properties: { 'header.from': 'example.org' } }],
    });
    expect(parseAuthenticationResults('mx.isp.example; none')).toEqual({ authservId: 'mx.isp.example', results: [] });
  });

  it('a header without an authserv-id, and an unreadable result among good ones', () => {
    expect(parseAuthenticationResults('spf=pass smtp.mailfrom=example.org')).toBeNull();
    expect(parseAuthenticationResults('')).toBeNull();
    expect(parseAuthenticationResults('mx.isp.example; dkim=; spf=pass smtp.mailfrom=example.org')?.results).toEqual([
      { method: 'spf', result: 'pass', reason: null, properties: { 'smtp.mailfrom': 'example.org' } },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to a portal on 127.0.0.1:3000 shown in UTC, with no first staff account', () => {
    const config = loadConfig({});
    expect(config.portal).toEqual({ host: '127.0.0.1', port: 3000, sessionSecret: undefined, timeZone: 'UTC', trustProxy: undefined });
    expect(config.portalUrl).toBe('http://127.0.0.1:3000');
    expect(config.firstStaff).toBeUndefined();
  });

  it('derives the portal URL from HOST and PORT unless PORTAL_URL is given', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).portalUrl).toBe('http://0.0.0.0:8080');
    expect(loadConfig({ PORT: '8080', PORTAL_URL: 'https://billing.isp.example' }).portalUrl).toBe('https://billing.isp.example');
  });

  it('takes the first staff account only when both its email and password are set', () => {
    expect(loadConfig({ UPLINK_ADMIN_EMAIL: 'owner@isp.example' }).firstStaff).toBeUndefined();
    expect(loadConfig({ UPLINK_ADMIN_EMAIL: 'owner@isp.example', UPLINK_ADMIN_PASSWORD: 'twelve chars ok' }).firstStaff).toEqual({
      email: 'owner@isp.example',
      password: 'twelve chars ok',
    });
  });

  it('sends staff alerts to UPLINK_STAFF_ALERT_EMAIL, else the first staff account, else the sender mailbox', () => {
    expect(loadConfig({}).email.staffAlerts).toBe('billing@uplink.localhost');
    expect(loadConfig({ EMAIL_FROM: 'billing@isp.example' }).email.staffAlerts).toBe('billing@isp.example');
    expect(loadConfig({ UPLINK_ADMIN_EMAIL: 'owner@isp.example' }).email.staffAlerts).toBe('owner@isp.example');
    expect(loadConfig({ UPLINK_ADMIN_EMAIL: 'owner@isp.example', UPLINK_STAFF_ALERT_EMAIL: 'noc@isp.example' }).email.staffAlerts).toBe(
      'noc@isp.example',
    );
    expect(() => loadConfig({ UPLINK_STAFF_ALERT_EMAIL: 'noc' })).toThrow(/UPLINK_STAFF_ALERT_EMAIL: must be an email address/);
  });

  it('trusts no inbound sender until the receiving server\'s authserv-id is set; trusting a server without one is a choice', () => {
    expect(loadConfig({}).inbound.senderAuthentication).toEqual({ authservId: undefined, trustUnauthenticated: false });
    expect(loadConfig({ UPLINK_INBOUND_AUTHSERV_ID: ' mx.example.net ', UPLINK_INBOUND_TRUST_UNAUTHENTICATED: 'true' }).inbound.senderAuthentication).toEqual({
      authservId: 'mx.example.net',
      trustUnauthenticated: true,
    });
    expect(() => loadConfig({ UPLINK_INBOUND_AUTHSERV_ID: 'mx.example.net; spf=pass' })).toThrow(/UPLINK_INBOUND_AUTHSERV_ID: must be one word/);
    expect(() => loadConfig({ UPLINK_INBOUND_TRUST_UNAUTHENTICATED: 'yes' })).toThrow(/UPLINK_INBOUND_TRUST_UNAUTHENTICATED: must be true or false/);
  });

  it('refuses bad values, naming each variable and why, without echoing secrets', () => {
    const attempt = () =>
      loadConfig({
        UPLINK_TIME_ZONE: 'Mars/Olympus',
        UPLINK_ADMIN_EMAIL: 'not-an-email',
        UPLINK_ADMIN_PASSWORD: 'shortpw',
        SESSION_SECRET: 'too-short-secret',
        PORT: '70000',
      });
    expect(attempt).toThrow(/UPLINK_TIME_ZONE: must be an IANA time zone/);
    expect(attempt).toThrow(/UPLINK_ADMIN_EMAIL: must be an email address/);
    expect(attempt).toThrow(/UPLINK_ADMIN_PASSWORD: must be at least 12 characters/);
    expect(attempt).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).not.toThrow(/shortpw|too-short-secret/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseListen } from '../../../src/cli/commands/sync-watch.js';
import { UsageError } from '../../../src/core/errors.js';
import { signWebhookBody, verifyWebhookSignature } from '../../../src/watch/signature.js';

describe('X-Vikunja-Signature', () => {
  const body = Buffer.from('{"event_name":"task.updated","time":"2026-11-30T09:00:00Z","data":{}}');
  it('accepts hex(HMAC-SHA256(secret, body)), in either case', () => {
    const signature = signWebhookBody('s3cret', body);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('s3cret', body, signature)).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, signature.toUpperCase())).toBe(true);
  });
  it('refuses a missing, malformed, wrong-secret or wrong-body signature', () => {
    const signature = signWebhookBody('s3cret', body);
    expect(verifyWebhookSignature('s3cret', body, undefined)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, '')).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, signature.slice(2))).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `${signature.slice(0, 62)}zz`)).toBe(false);
    expect(verifyWebhookSignature('other', body, signature)).toBe(false);
    expect(verifyWebhookSignature('s3cret', Buffer.from(`${body.toString()} `), signature)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, [signature])).toBe(false);
  });
});

describe('--listen', () => {
  it('reads host:port, [v6]:port, :port and port (host 127.0.0.1); port 0 is allowed', () => {
    expect(parseListen('127.0.0.1:8787')).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(parseListen('0.0.0.0:0')).toEqual({ host: '0.0.0.0', port: 0 });
    expect(parseListen('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseListen(':9000')).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(parseListen('9000')).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(parseListen('localhost:80')).toEqual({ host: 'localhost', port: 80 });
  });
  it('refuses anything else with a usage error naming the input', () => {
    for (const bad of ['', 'host', 'host:', 'host:99999', 'host:-1', 'a:b:c']) {
      expect(() => parseListen(bad), bad).toThrow(UsageError);
    }
    expect(() => parseListen('host:99999')).toThrow(/--listen "host:99999" is not host:port/);
  });
});

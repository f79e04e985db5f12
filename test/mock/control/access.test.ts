// Who may use the control plane: loopback open, token elsewhere, off entirely; browser guards.
import { describe, expect, it } from 'vitest';
import { checkAccess, controlAccess, isLoopback } from '../../../src/mock/control/access.js';

describe('control access', () => {
  it('knows loopback addresses and names', () => {
    for (const yes of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST', 'app.localhost'])
      expect(isLoopback(yes), yes).toBe(true);
    for (const no of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'example.com', 'localhost.example.com', '128.0.0.1', '::ffff:10.0.0.1', '']) {
      expect(isLoopback(no), no).toBe(false);
    }
  });

  it('is open on loopback, locked elsewhere without a token, token-only with one, off when switched off', () => {
    expect(controlAccess({ listenAddress: '127.0.0.1' }).mode).toBe('open');
    expect(controlAccess({ listenAddress: '::1' }).mode).toBe('open');
    expect(controlAccess({ listenAddress: '0.0.0.0' }).mode).toBe('locked');
    expect(controlAccess({ listenAddress: '0.0.0.0', token: 's3cret-token' }).mode).toBe('token');
    expect(controlAccess({ listenAddress: '127.0.0.1', token: 's3cret-token' }).mode).toBe('token');
    expect(controlAccess({ listenAddress: '127.0.0.1', enabled: false }).mode).toBe('off');
    expect(() => controlAccess({ listenAddress: '0.0.0.0', token: '' })).toThrow(/control token must be 1 to 1024 printable/);
    expect(() => controlAccess({ listenAddress: '0.0.0.0', token: 'has space' })).toThrow(/without spaces/);
  });

  it('compares the bearer token; the token itself is kept only as a digest', () => {
    const access = controlAccess({ listenAddress: '10.0.0.5', token: 'right-token' });
    expect(JSON.stringify(access)).not.toContain('right-token');
    const host = '10.0.0.5:8900';
    expect(checkAccess(access, { host, authorization: 'Bearer right-token' }, false)).toEqual({ ok: true });
    expect(checkAccess(access, { host, authorization: 'bearer   right-token ' }, false)).toEqual({ ok: true });
    for (const authorization of [undefined, 'Bearer wrong-token', 'Bearer right-tokenX', 'Basic cmlnaHQtdG9rZW4=', 'Bearer', 'right-token']) {
      const verdict = checkAccess(access, { host, authorization }, false);
      expect(verdict).toEqual({ ok: false, status: 403, message: 'The control plane needs the control token: send Authorization: Bearer <token>.' });
    }
  });

  it('refuses another origin, and a non-loopback Host in open mode (DNS rebinding)', () => {
    const open = controlAccess({ listenAddress: '127.0.0.1' });
    expect(checkAccess(open, { host: '127.0.0.1:8900' }, false)).toEqual({ ok: true });
    expect(checkAccess(open, { host: 'localhost:8900', origin: 'http://localhost:8900' }, false)).toEqual({ ok: true });
    expect(checkAccess(open, { host: '127.0.0.1:8900', origin: 'https://evil.example' }, false)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess(open, { host: '127.0.0.1:8900', origin: 'null' }, false)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess(open, { host: 'evil.example:8900' }, false)).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(/loopback/) });
    // The static page and health carry no data: no Host check for them.
    expect(checkAccess(open, { host: 'evil.example:8900' }, true)).toEqual({ ok: true });
  });

  it('locked and off modes say what to do', () => {
    expect(checkAccess(controlAccess({ listenAddress: '0.0.0.0' }), { host: 'h' }, false)).toMatchObject({
      status: 403,
      message: expect.stringMatching(/--control-token/),
    });
    expect(checkAccess(controlAccess({ listenAddress: '0.0.0.0', enabled: false }), {}, true)).toMatchObject({
      status: 404,
      message: expect.stringMatching(/--no-control/),
    });
  });
});

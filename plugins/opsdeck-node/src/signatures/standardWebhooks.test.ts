import { standardWebhookMatches } from './standardWebhooks';

// The Standard Webhooks specification's example (also Svix's documented test vector).
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const check = (
  overrides: Partial<typeof vector> & { now?: number; rawBody?: Buffer } = {},
) => {
  const v = { ...vector, ...overrides };
  jest.useFakeTimers({ now: (overrides.now ?? 1614265330 + 60) * 1000 });
  try {
    return standardWebhookMatches({
      secrets: ['whsec_other', v.secret],
      rawBody: overrides.rawBody ?? Buffer.from(v.body),
      id: v.id,
      timestamp: v.timestamp,
      signature: v.signature,
    });
  } finally {
    jest.useRealTimers();
  }
};

describe('standardWebhookMatches', () => {
  it('accepts the specification test vector, also among several signatures', () => {
    expect(check()).toBe(true);
    expect(check({ signature: `v1,bm9wZQ== ${vector.signature}` })).toBe(true);
  });

  it('refuses a changed body, id or timestamp, a stale or future timestamp, and malformed headers', () => {
    expect(check({ body: '{"test": 2432232315}' })).toBe(false);
    expect(check({ id: 'msg_other' })).toBe(false);
    expect(check({ timestamp: '1614265331' })).toBe(false);
    expect(check({ now: 1614265330 + 301 })).toBe(false);
    expect(check({ now: 1614265330 - 301 })).toBe(false);
    expect(check({ signature: 'v1,' })).toBe(false);
    expect(
      check({ signature: 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }),
    ).toBe(false);
    expect(check({ timestamp: 'soon' })).toBe(false);
  });

  it('refuses a body that is not exactly UTF-8, whatever its signature', () => {
    // 0xff is no UTF-8 byte: decoded it becomes U+FFFD, whose encoding is other bytes, so
    // any signature the library checked would not be over the bytes stored.
    const body = Buffer.concat([
      Buffer.from('{"test": 1}'),
      Buffer.from([0xff]),
    ]);
    const signature = `v1,${require('node:crypto')
      .createHmac('sha256', Buffer.from(vector.secret.slice(6), 'base64'))
      .update(`${vector.id}.${vector.timestamp}.`)
      .update(body)
      .digest('base64')}`;
    expect(check({ rawBody: body, signature })).toBe(false);
  });
});

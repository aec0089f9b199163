import { hmacSignatureMatches, parseSignatureHeader } from './hmac';

// GitHub's documented test vector for X-Hub-Signature-256.
const GITHUB_SECRET = "It's a Secret to Everybody";
const GITHUB_BODY = Buffer.from('Hello, World!');
const GITHUB_HEADER =
  'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('hmacSignatureMatches', () => {
  it("accepts GitHub's documented test vector", () => {
    expect(
      hmacSignatureMatches({
        algorithm: 'sha256',
        secrets: [GITHUB_SECRET],
        rawBody: GITHUB_BODY,
        signatures: parseSignatureHeader(GITHUB_HEADER, 'sha256='),
      }),
    ).toBe(true);
  });

  it('accepts either secret during a rotation', () => {
    expect(
      hmacSignatureMatches({
        algorithm: 'sha256',
        secrets: ['the-new-secret', GITHUB_SECRET],
        rawBody: GITHUB_BODY,
        signatures: parseSignatureHeader(GITHUB_HEADER, 'sha256='),
      }),
    ).toBe(true);
  });

  it.each([
    ['a wrong secret', ['not the secret'], GITHUB_BODY, GITHUB_HEADER],
    [
      'a changed body',
      [GITHUB_SECRET],
      Buffer.from('Hello, World?'),
      GITHUB_HEADER,
    ],
    [
      'a truncated signature',
      [GITHUB_SECRET],
      GITHUB_BODY,
      GITHUB_HEADER.slice(0, 40),
    ],
    [
      'a non-hex signature',
      [GITHUB_SECRET],
      GITHUB_BODY,
      `sha256=${'z'.repeat(64)}`,
    ],
    ['a missing header', [GITHUB_SECRET], GITHUB_BODY, undefined],
    ['no secrets configured', [], GITHUB_BODY, GITHUB_HEADER],
  ])('rejects %s', (_name, secrets, body, header) => {
    expect(
      hmacSignatureMatches({
        algorithm: 'sha256',
        secrets,
        rawBody: body,
        signatures: parseSignatureHeader(header, 'sha256='),
      }),
    ).toBe(false);
  });

  it('accepts any one of several v1= signatures (PagerDuty style)', () => {
    const good = GITHUB_HEADER.slice('sha256='.length);
    expect(
      hmacSignatureMatches({
        algorithm: 'sha256',
        secrets: [GITHUB_SECRET],
        rawBody: GITHUB_BODY,
        signatures: parseSignatureHeader(
          `v1=${'0'.repeat(64)}, v1=${good}`,
          'v1=',
        ),
      }),
    ).toBe(true);
  });
});

import { toSafeHttpUrl } from './safeUrl';

describe('toSafeHttpUrl', () => {
  it.each([
    [
      'https://grafana.example.com/d/abc?x=1',
      'https://grafana.example.com/d/abc?x=1',
    ],
    ['HTTP://example.com', 'http://example.com/'],
    ['  https://example.com/a  ', 'https://example.com/a'],
  ])('keeps %s', (input, expected) => {
    expect(toSafeHttpUrl(input)).toBe(expected);
  });

  /* eslint-disable no-script-url -- these are the hostile inputs under test */
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox',
    '//evil.example.com',
    '/relative/path',
    'https://',
    'ftp://example.com/file',
    '',
    undefined,
    42,
  ])('drops %p', input => {
    expect(toSafeHttpUrl(input)).toBeUndefined();
  });
});

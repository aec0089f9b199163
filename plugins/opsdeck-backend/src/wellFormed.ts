/**
 * A lone UTF-16 surrogate or a NUL: text neither database hands back as it was given
 * (SQLite returns replacement characters, PostgreSQL refuses NUL).
 */
const ILL_FORMED =
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters it looks for
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g;

/** Whether both databases store this text faithfully. @internal */
export const isWellFormedText = (value: string) =>
  !new RegExp(ILL_FORMED.source).test(value);

/** The text with each lone surrogate and NUL replaced by U+FFFD, so it can be stored. @internal */
export const storableText = (value: string) =>
  value.replace(ILL_FORMED, '\ufffd');

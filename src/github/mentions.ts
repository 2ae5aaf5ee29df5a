/**
 * Model text is driven by an untrusted diff: a `@name` or `@org/team` in it would notify people
 * when posted. A zero-width joiner after the `@` keeps the text readable and pings no one. Pure.
 */

/** `@` at the start or after a character that cannot be part of an e-mail address, followed by a login. */
const MENTION = /(^|[^\w.+-])@(?=[A-Za-z0-9])/g

export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, '$1@\u200d')
}

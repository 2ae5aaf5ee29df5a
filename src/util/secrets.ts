/**
 * Every secret value the run knows, in one registry, and the one scrub that cuts them from text.
 *
 * A server may echo what it was sent: a gateway's credential header, an OIDC access token, a
 * Vertex token, a proxy password. `::add-mask::` hides a value only in the live log; an output,
 * the summary, a results file uploaded as an artifact or a comment would still carry it. So
 * whatever becomes our data (a failure's text, a Message, a batch result) is scrubbed where it
 * is made (claude/redact.ts), against this registry.
 *
 * Values shorter than MIN_SECRET_CHARS are not registered: replacing a short string (`42`,
 * `eu-1`) everywhere would garble the text without hiding anything worth hiding. They are still
 * masked in the live log, and the run is told (a warning that names the credential, never its
 * value).
 *
 * The registry has no side effect of its own: main.ts and run-many.ts start it with `mask`
 * (core.setSecret, the live log's mask) and `tooShort` (the warning).
 */

/** The shortest value the scrub replaces. */
export const MIN_SECRET_CHARS = 8

/** What a secret becomes in text. */
export const REDACTED = '[REDACTED]'

export type Scrubbed<T> = { value: T; replaced: number }

/**
 * `text` with every occurrence of any of `secrets` replaced by REDACTED. Occurrences that
 * overlap or touch (two secrets sharing characters) become one REDACTED, so no tail of either
 * is left. `replaced` counts the REDACTED inserted. Pure: the caller passes the list.
 */
export function scrubText(text: string, secrets: readonly string[]): Scrubbed<string> {
  const spans: Array<[number, number]> = []
  for (const secret of secrets) {
    if (secret === '') continue
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      spans.push([at, at + secret.length])
    }
  }
  if (spans.length === 0) return { value: text, replaced: 0 }
  spans.sort((a, b) => a[0] - b[0])
  let out = ''
  let cursor = 0
  let replaced = 0
  for (let i = 0; i < spans.length;) {
    const start = (spans[i] as [number, number])[0]
    let end = (spans[i] as [number, number])[1]
    for (i++; i < spans.length && (spans[i] as [number, number])[0] <= end; i++) {
      end = Math.max(end, (spans[i] as [number, number])[1])
    }
    out += text.slice(cursor, start) + REDACTED
    cursor = end
    replaced++
  }
  return { value: out + text.slice(cursor), replaced }
}

/** Every string (object keys included) in a JSON value scrubbed; the shape is kept. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): Scrubbed<T> {
  let replaced = 0
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') {
      const scrubbed = scrubText(item, secrets)
      replaced += scrubbed.replaced
      return scrubbed.value
    }
    if (Array.isArray(item)) return item.map(walk)
    if (typeof item === 'object' && item !== null) {
      return Object.fromEntries(Object.entries(item).map(([name, inner]) => [walk(name), walk(inner)]))
    }
    return item
  }
  const out = walk(value) as T
  return { value: replaced === 0 ? value : out, replaced }
}

/**
 * The model's answer: when it is JSON, scrubbed string by string inside the parsed value, so the
 * `json` output stays valid JSON (a replacement in the raw text could land inside an escape, or
 * miss a secret the JSON escaped); the text is then the value written out again. Otherwise the
 * text as it is.
 */
export function scrubAnswer(text: string, secrets: readonly string[]): Scrubbed<string> {
  if (secrets.length === 0) return { value: text, replaced: 0 }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return scrubText(text, secrets)
  }
  const scrubbed = scrubDeep(parsed, secrets)
  return scrubbed.replaced === 0 ? { value: text, replaced: 0 } : { ...scrubbed, value: JSON.stringify(scrubbed.value) }
}

/** The forms a value may take in text that echoes it: as given, inside a JSON string, URL-encoded. */
function formsOf(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])]
}

export interface SecretHooks {
  /** Called once per value, registered or too short (core.setSecret: the live log's mask). */
  mask?: (value: string) => void
  /** Called for a credential too short to register; `what` names it (never the value). */
  tooShort?: (what: string) => void
}

export class SecretRegistry {
  private values: string[] = []
  private short = new Set<string>()
  private hooks: SecretHooks = {}
  /** How many secret values the scrubs of this run replaced (the summary says so). */
  replaced = 0

  /** A fresh run: no values, no count, these hooks. */
  start(hooks: SecretHooks): void {
    this.values = []
    this.short.clear()
    this.replaced = 0
    this.hooks = hooks
  }

  /** Registers `value` (and its encoded forms) under `what`, e.g. "the OIDC access token". */
  add(value: string | undefined, what: string): void {
    if (value === undefined || value === '' || this.values.includes(value)) return
    if (value.length < MIN_SECRET_CHARS) {
      // Still masked in the live log, as any credential always was; only the scrub leaves it.
      if (!this.short.has(value)) {
        this.hooks.mask?.(value)
        this.hooks.tooShort?.(what)
      }
      this.short.add(value)
      return
    }
    this.hooks.mask?.(value)
    for (const form of formsOf(value)) if (!this.values.includes(form)) this.values.push(form)
  }

  /** The registered values and their forms, for the pure scrubs above. */
  list(): readonly string[] {
    return this.values
  }

  /** Applies a pure scrub with this registry's values and counts what it replaced. */
  apply<T>(scrubbed: (secrets: readonly string[]) => Scrubbed<T>): T {
    const { value, replaced } = scrubbed(this.values)
    this.replaced += replaced
    return value
  }
}

/** The run's registry (one step, one process). */
export const runSecrets = new SecretRegistry()

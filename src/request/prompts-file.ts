/**
 * request/: the `prompts-file` (JSONL, one request per line), checked whole before any request:
 * every bad line is listed by number with what is wrong (each line by prompt-line.ts). Pure:
 * text in, lines out. inputs/ reads the file; many/ turns each line into its request.
 */
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages'
import { RequestInputError } from './input-error.js'
import { type LineDefaults, parseLine, type PromptLine } from './prompt-line.js'
import { plural } from '../util/text.js'

/** How many bad lines the error lists before "and N more". */
const MAX_LISTED_ERRORS = 20

export interface PromptItem {
  id: string
  /** 1-based line number in prompts-file. */
  line: number
  /** The whole request of this item: the inputs' defaults, the line's fields win. */
  params: MessageCreateParamsNonStreaming
}

/**
 * The checked lines of a prompts file, held compactly: the file's text once and, for each line,
 * where it is and its id. A line is parsed again when it is asked for (its request is built
 * only when it is sent), so a run over 100,000 prompts holds their text and an id each, not
 * 100,000 request objects from start to end. Iterating yields every line's PromptLine.
 */
export class PromptLines implements Iterable<PromptLine> {
  private constructor(
    private readonly text: string,
    private readonly defaults: LineDefaults,
    /** Each line's start and end offsets in `text`, and its 1-based number. */
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly numbers: Uint32Array,
    readonly ids: readonly string[]
  ) {}

  /** No lines (batch-ids collected without a prompts-file). */
  static readonly none = new PromptLines(
    '',
    { system: undefined, vars: undefined, thinkingBudget: undefined, label: '' },
    new Uint32Array(0),
    new Uint32Array(0),
    new Uint32Array(0),
    []
  )

  get length(): number {
    return this.ids.length
  }

  id(index: number): string {
    return this.ids[index] as string
  }

  /** Line `index` (0-based among these lines), parsed again: it was checked when the file was read. */
  line(index: number): PromptLine {
    const raw = this.text.slice(this.starts[index], this.ends[index])
    return parseLine(raw, this.numbers[index] as number, this.defaults)
  }

  /** The lines whose id `keep` accepts, in file order (a shard, or the ones a resume still sends). */
  where(keep: (id: string) => boolean): PromptLines {
    const kept: number[] = []
    for (let i = 0; i < this.ids.length; i++) if (keep(this.ids[i] as string)) kept.push(i)
    if (kept.length === this.ids.length) return this
    const pick = (from: Uint32Array) => Uint32Array.from(kept, i => from[i] as number)
    const ids = kept.map(i => this.ids[i] as string)
    return new PromptLines(this.text, this.defaults, pick(this.starts), pick(this.ends), pick(this.numbers), ids)
  }

  *[Symbol.iterator](): Iterator<PromptLine> {
    for (let i = 0; i < this.ids.length; i++) yield this.line(i)
  }

  /**
   * Every line of `text` checked; throws one RequestInputError listing the bad lines (up to
   * MAX_LISTED_ERRORS, then how many more). Blank lines are skipped but keep their numbers.
   */
  static parse(text: string, defaults: LineDefaults): PromptLines {
    const starts: number[] = []
    const ends: number[] = []
    const numbers: number[] = []
    const ids: string[] = []
    const errors: string[] = []
    const seen = new Map<string, number>()
    for (let number = 1, start = 0, end: number; start <= text.length; number++, start = end + 1) {
      end = text.indexOf('\n', start)
      if (end === -1) end = text.length
      const raw = text.slice(start, end)
      if (raw.trim() === '') continue
      try {
        const { id } = parseLine(raw, number, defaults)
        const first = seen.get(id)
        if (first !== undefined) throw new RequestInputError(`id '${id}' is already used on line ${first}`)
        seen.set(id, number)
        starts.push(start)
        ends.push(end)
        numbers.push(number)
        ids.push(id)
      } catch (error) {
        if (!(error instanceof RequestInputError)) throw error
        errors.push(`line ${number}: ${error.message}`)
      }
    }
    if (errors.length > 0) {
      const listed = errors.slice(0, MAX_LISTED_ERRORS)
      const more = errors.length - listed.length
      throw new RequestInputError(
        `${defaults.label} has ${plural(errors.length, 'bad line')}; no request was sent:\n` +
          listed.map(e => `  ${e}`).join('\n') +
          (more > 0 ? `\n  and ${more} more` : '') +
          `\nEach line is one JSON object: {"id": "a-1", "prompt": "…"} with optional "messages", "system", "model", "max-tokens" and "vars".`
      )
    }
    if (ids.length === 0)
      throw new RequestInputError(`${defaults.label} holds no lines. Expected one JSON object per line.`)
    const typed = (values: number[]) => Uint32Array.from(values)
    return new PromptLines(text, defaults, typed(starts), typed(ends), typed(numbers), ids)
  }
}

import { type LineDefaults } from '../../../src/request/prompt-line.js'
import { PromptLines } from '../../../src/request/prompts-file.js'
import { RequestInputError } from '../../../src/request/input-error.js'

const defaults: LineDefaults = {
  system: undefined,
  vars: undefined,
  thinkingBudget: undefined,
  label: "Input 'prompts-file'"
}
const parse = (lines: unknown[], d: Partial<LineDefaults> = {}) => [
  ...PromptLines.parse(lines.map(l => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'), {
    ...defaults,
    ...d
  })
]
const errorOf = (lines: unknown[], d: Partial<LineDefaults> = {}): string => {
  try {
    parse(lines, d)
  } catch (error) {
    expect(error).toBeInstanceOf(RequestInputError)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('PromptLines.parse', () => {
  it('reads one item per line, with line numbers; blank lines keep the numbering', () => {
    const items = parse([
      { id: 'a', prompt: 'Hi' },
      '',
      '  ',
      { id: 'b-2_X', prompt: 'Yo', model: 'm', 'max-tokens': 9 }
    ])
    expect(items).toEqual([
      { id: 'a', line: 1, messages: [{ role: 'user', content: 'Hi' }], system: null },
      { id: 'b-2_X', line: 4, messages: [{ role: 'user', content: 'Yo' }], system: null, model: 'm', maxTokens: 9 }
    ])
  })

  it('tolerates CRLF line ends', () => {
    const items = PromptLines.parse('{"id":"a","prompt":"x"}\r\n{"id":"b","prompt":"y"}\r\n', defaults)
    expect(items.ids).toEqual(['a', 'b'])
    expect([...items].map(i => i.messages)).toEqual([
      [{ role: 'user', content: 'x' }],
      [{ role: 'user', content: 'y' }]
    ])
  })

  it("fills the line's prompt and system from its vars over the vars input; messages are not templated", () => {
    const [item] = parse(
      [
        {
          id: 'a',
          messages: [
            { role: 'user', content: '{{x}} stays' },
            { role: 'assistant', content: 'ok' }
          ],
          prompt: 'Label {{title}} for {{who}}',
          vars: { title: 'Bug {{who}}', n: 3 }
        }
      ],
      {
        vars: new Map([
          ['who', 'Ada'],
          ['title', 'old']
        ]),
        system: 'You help {{who}}.'
      }
    )
    expect(item?.system).toBe('You help Ada.')
    expect(item?.messages).toEqual([
      { role: 'user', content: '{{x}} stays' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'Label Bug {{who}} for Ada' }
    ])
  })

  it('a line system wins; an empty one removes the default', () => {
    const items = parse(
      [
        { id: 'a', prompt: 'p', system: 'own' },
        { id: 'b', prompt: 'p', system: '' },
        { id: 'c', prompt: 'p' }
      ],
      {
        system: 'default'
      }
    )
    expect(items.map(i => i.system)).toEqual(['own', null, 'default'])
  })

  it('a default system from system-file is data: never filled', () => {
    const [item] = parse([{ id: 'a', prompt: '{{x}}', vars: { x: '1' } }], {
      system: 'Keep {{x}} as written',
      systemIsTemplate: false
    })
    expect(item?.system).toBe('Keep {{x}} as written')
    expect(item?.messages).toEqual([{ role: 'user', content: '1' }])
  })

  it('without any vars nothing is templated', () => {
    expect(parse([{ id: 'a', prompt: '{{x}}' }])[0]?.messages).toEqual([{ role: 'user', content: '{{x}}' }])
  })

  it('lists every bad line by number with what is wrong, none of them sent', () => {
    const message = errorOf([
      { id: 'ok', prompt: 'fine' },
      'not json',
      [1],
      { id: 'has space', prompt: 'x' },
      { id: 'ok', prompt: 'again' },
      { id: 'c', max_tokens: 5, prompt: 'x' },
      { id: 'd' },
      { id: 'e', prompt: 'x', 'max-tokens': 0 },
      { id: 'f', prompt: '{{nope}}', vars: {} },
      { id: 'g', messages: [{ role: 'assistant', content: 'x' }] },
      { id: 'x'.repeat(65), prompt: 'x' },
      { id: 'h', prompt: 5 }
    ])
    expect(message).toMatch(/^Input 'prompts-file' has 11 bad lines; no request was sent:/)
    expect(message).toContain('line 2: not valid JSON')
    expect(message).toContain('line 3: is a list, not a JSON object')
    expect(message).toContain("line 4: 'id' is 'has space'")
    expect(message).toContain("line 5: id 'ok' is already used on line 1")
    expect(message).toContain("line 6: unknown field 'max_tokens' (did you mean 'max-tokens'?)")
    expect(message).toContain("line 7: has neither 'prompt' nor 'messages'")
    expect(message).toContain("line 8: 'max-tokens' is 0")
    expect(message).toContain("line 9: placeholder '{{nope}}' with no value")
    expect(message).toContain("line 10: 'messages': messages[0] is the first turn and has role 'assistant'")
    expect(message).toContain('line 11: ')
    expect(message).toContain("line 12: 'prompt' is number")
    expect(message).not.toContain('line 1:')
  })

  it('caps the list at 20 lines, then says how many more', () => {
    const message = errorOf(Array.from({ length: 25 }, () => 'x'))
    expect(message).toContain('line 20: ')
    expect(message).not.toContain('line 21: ')
    expect(message).toContain('and 5 more')
  })

  it('refuses a max-tokens not above the thinking budget', () => {
    expect(errorOf([{ id: 'a', prompt: 'x', 'max-tokens': 1024 }], { thinkingBudget: 1024 })).toContain(
      'not above the thinking budget 1024'
    )
  })

  it('refuses an empty file', () => {
    expect(errorOf(['', ' '])).toContain('holds no lines')
  })
})

describe('PromptLines (held compactly)', () => {
  const text = [
    JSON.stringify({ id: 'a', prompt: 'one {{x}}', vars: { x: '1' } }),
    '',
    JSON.stringify({ id: 'b', prompt: 'two', model: 'm' }),
    JSON.stringify({ id: 'c', prompt: 'three' })
  ].join('\n')

  it('parses a line again when asked, the same as when it was checked', () => {
    const lines = PromptLines.parse(text, defaults)
    expect(lines.length).toBe(3)
    expect(lines.ids).toEqual(['a', 'b', 'c'])
    expect(lines.line(0)).toEqual({ id: 'a', line: 1, messages: [{ role: 'user', content: 'one 1' }], system: null })
    expect(lines.line(1)).toEqual({
      id: 'b',
      line: 3,
      messages: [{ role: 'user', content: 'two' }],
      system: null,
      model: 'm'
    })
    expect(lines.line(1)).not.toBe(lines.line(1))
  })

  it('where keeps the chosen lines in file order, with their own line numbers', () => {
    const kept = PromptLines.parse(text, defaults).where(id => id !== 'b')
    expect(kept.ids).toEqual(['a', 'c'])
    expect([...kept].map(l => [l.id, l.line])).toEqual([
      ['a', 1],
      ['c', 4]
    ])
    expect(kept.where(() => true)).toBe(kept)
    expect(kept.where(() => false).length).toBe(0)
  })
})

import * as yaml from 'yaml'
import { fillTemplates, missingVarsError, parseVars, placeholders } from '../../../src/request/template.js'

const vars = (entries: Record<string, string>) => new Map(Object.entries(entries))
const fill = (text: string, entries: Record<string, string>) => fillTemplates([text], vars(entries))

describe('fillTemplates', () => {
  it.each([
    ['plain', 'Hi {{name}}!', { name: 'Ada' }, 'Hi Ada!'],
    ['spaces and tabs inside the braces', 'Hi {{ name }} and {{\tname\t}}', { name: 'Ada' }, 'Hi Ada and Ada'],
    ['a repeated name, every time', '{{a}}, {{a}} and {{ a }}', { a: 'x' }, 'x, x and x'],
    ['adjacent placeholders', '{{a}}{{b}}{{a}}', { a: '1', b: '2' }, '121'],
    ['names with dots, dashes and underscores', '{{issue.title}} {{_x-y}}', { 'issue.title': 'T', '_x-y': 'U' }, 'T U'],
    [
      'a value holding {{x}} is not expanded again',
      '{{body}}',
      { body: '{{secret}} {{body}}', secret: 'S' },
      '{{secret}} {{body}}'
    ],
    ['a value holding $& and $1 is inserted literally', '[{{v}}]', { v: '$& $1 $$' }, '[$& $1 $$]'],
    ['unicode in values and around placeholders', 'é {{v}} 🙂', { v: 'ñ日本🚀' }, 'é ñ日本🚀 🙂'],
    ['an empty value', '<{{v}}>', { v: '' }, '<>'],
    ['triple braces keep the outer pair', '{{{v}}}', { v: 'x' }, '{x}'],
    ['what is not a name is left as written', '{{ 1x }} {{}} {{a b}} {{ñ}} {a}', {}, '{{ 1x }} {{}} {{a b}} {{ñ}} {a}'],
    ['a newline inside the braces is not a placeholder', '{{\nv\n}}', { v: 'x' }, '{{\nv\n}}']
  ])('%s', (_name, text, entries, expected) => {
    const { texts, missing } = fill(text, entries)
    expect(texts).toEqual([expected])
    expect(missing).toEqual([])
  })

  it('lists every missing name once, in order of first appearance, and leaves them in place', () => {
    expect(fillTemplates(['{{b}} {{a}}', '{{ b }} {{c}} {{known}}'], vars({ known: 'k' }))).toEqual({
      texts: ['{{b}} {{a}}', '{{ b }} {{c}} k'],
      missing: ['b', 'a', 'c'],
      unused: []
    })
  })

  it('lists the vars no text used, in the order given, counting uses across all texts', () => {
    const { unused } = fillTemplates(['{{a}}', 'x {{c}}'], vars({ a: '1', b: '2', c: '3', d: '4' }))
    expect(unused).toEqual(['b', 'd'])
  })

  it('finds the placeholders of a text', () => {
    expect(placeholders('{{a}} {{ b }} {{a}} {{ not one }}')).toEqual(['a', 'b'])
  })
})

describe('parseVars', () => {
  const parsed = (text: string) => Object.fromEntries(parseVars(text, 'vars', yaml))

  it('reads YAML and JSON mappings; scalars become the text as written, nested values their JSON', () => {
    expect(
      parsed(
        'title: Fix the build\nversion: 1.10\nhex: 0x1F\nflag: true\nnone:\ntilde: ~\nquoted: "a: b"\nlist: [1, 2]\nmap: {a: x}\nblock: |\n  line 1\n  line 2\n'
      )
    ).toEqual({
      title: 'Fix the build',
      version: '1.10',
      hex: '0x1F',
      flag: 'true',
      none: '',
      tilde: '',
      quoted: 'a: b',
      list: '[1,2]',
      map: '{"a":"x"}',
      block: 'line 1\nline 2\n'
    })
    expect(parsed('{"n": 1.50, "s": "x\\ny", "u": "ñ🙂"}')).toEqual({ n: '1.50', s: 'x\ny', u: 'ñ🙂' })
  })

  it('reads a mapping with no entries, and only comments, as no values', () => {
    expect(parsed('{}')).toEqual({})
    expect(parsed('# none yet\n')).toEqual({})
  })

  it('reads a key with no value node at all (flow or explicit key) as empty', () => {
    expect(parsed('{a}')).toEqual({ a: '' })
    expect(parsed('? b\nc: x')).toEqual({ b: '', c: 'x' })
  })

  it('keeps a value that holds {{x}} or YAML-looking text as a plain string', () => {
    expect(parsed('body: "{{secret}}\\nkey: value"')).toEqual({ body: '{{secret}}\nkey: value' })
  })

  it.each([
    ['a: 1\na: 2', /^Input 'vars' is not valid YAML or JSON \(Map keys must be unique/],
    ['{"a": ', /^Input 'vars' is not valid YAML or JSON/],
    ['- a\n- b', /^Input 'vars' is not a mapping. Expected a YAML or JSON mapping of names to values/],
    ['just text', /^Input 'vars' is not a mapping/],
    ['my var: x', /^Input 'vars' has the key 'my var', which is not a var name/],
    ['1x: y', /^Input 'vars' has the key '1x'/],
    ['? [a]\n: b', /^Input 'vars' has the key '\["a"\]'/],
    ['1: y', /^Input 'vars' has the key '1'/]
  ])('rejects %j', (text, message) => {
    expect(() => parseVars(text, 'vars', yaml)).toThrow(message)
  })

  it('says what a var name may hold when a key is not one', () => {
    expect(() => parseVars('my var: x', 'vars', yaml)).toThrow(
      "Input 'vars' has the key 'my var', which is not a var name. Names start with a letter or '_' and hold letters, digits, '_', '.' and '-'."
    )
  })
})

describe('missingVarsError', () => {
  it('words one missing placeholder in the singular, several in the plural', () => {
    expect(missingVarsError(['name'], "'prompt'", 'vars').message).toBe(
      "'prompt' uses a placeholder with no value in 'vars': 'name'. Give it a value in 'vars' (e.g. 'name: …')."
    )
    expect(missingVarsError(['a', 'b'], "'prompt' and 'system'", 'vars').message).toBe(
      "'prompt' and 'system' use placeholders with no value in 'vars': 'a', 'b'. Give each a value in 'vars' (e.g. 'a: …')."
    )
  })
})

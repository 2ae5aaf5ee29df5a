import * as yaml from 'yaml'
import { conversationFrom, parseMessages } from '../../../src/request/conversation.js'

const label = "Input 'messages'"
const prompt = { text: 'And this one?', input: 'prompt' }
const user = (content: unknown) => ({ role: 'user', content })
const assistant = (content: unknown) => ({ role: 'assistant', content })

describe('conversationFrom: the messages input', () => {
  it('without a prompt, the list is the whole conversation and ends with the question', () => {
    const turns = [user('Is "the build is slow" a bug?'), assistant('performance'), user('And "crash on start"?')]
    expect(conversationFrom(turns, label, undefined)).toEqual(turns)
  })

  it('with a prompt, the prompt is appended as the last user turn', () => {
    const turns = [user('Q1'), assistant('A1')]
    expect(conversationFrom(turns, label, prompt)).toEqual([...turns, { role: 'user', content: 'And this one?' }])
    expect(conversationFrom([], label, prompt)).toEqual([{ role: 'user', content: 'And this one?' }])
  })

  it('takes content as a list of text blocks, keeping only type and text', () => {
    const blocks = [
      { type: 'text', text: 'part 1' },
      { text: 'part 2', type: 'text' }
    ]
    expect(conversationFrom([user(blocks)], label, undefined)).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'part 1' },
          { type: 'text', text: 'part 2' }
        ]
      }
    ])
  })

  it.each([
    ['not a list', { role: 'user', content: 'x' }, undefined, `${label} is an object, not a list.`],
    ['an empty list without a prompt', [], undefined, `${label} is an empty list.`],
    ['a turn that is a string', ['hi'], undefined, `${label}: messages[0] is string.`],
    ['a system turn', [{ role: 'system', content: 'Be brief.' }], undefined, `${label}: messages[0] has role 'system'`],
    [
      'an unknown role',
      [user('a'), { role: 'tool', content: 'x' }],
      undefined,
      `${label}: messages[1] has role "tool".`
    ],
    ['a missing role', [{ content: 'x' }], undefined, `${label}: messages[0] has role undefined.`],
    ['an extra key', [{ role: 'user', content: 'x', name: 'bob' }], undefined, `${label}: messages[0] has 'name'.`],
    ['empty content', [user('  ')], undefined, `${label}: messages[0] has empty content.`],
    ['numeric content', [user(3)], undefined, `${label}: messages[0] has content that is number.`],
    ['an empty block list', [user([])], undefined, `${label}: messages[0] has content that is a list (empty).`],
    [
      'an image block',
      [user([{ type: 'image', source: {} }])],
      undefined,
      `${label}: messages[0].content[0] is {"type":"image","source":{}}.`
    ],
    [
      'a text block with cache_control',
      [user([{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }])],
      undefined,
      `${label}: messages[0].content[0] is`
    ],
    [
      'an assistant first',
      [assistant('a'), user('b')],
      undefined,
      `${label}: messages[0] is the first turn and has role 'assistant'.`
    ],
    [
      'two user turns in a row',
      [user('a'), assistant('b'), user('c'), user('d')],
      undefined,
      `${label}: messages[3] has role 'user' right after another 'user' turn.`
    ],
    [
      'two assistant turns in a row',
      [user('a'), assistant('b'), assistant('c')],
      prompt,
      `${label}: messages[2] has role 'assistant' right after another 'assistant' turn.`
    ],
    [
      'an assistant last without a prompt',
      [user('a'), assistant('b')],
      undefined,
      `${label}: the last turn, messages[1], has role 'assistant'. Without a prompt`
    ],
    [
      'a user last with a prompt',
      [user('a')],
      prompt,
      `${label}: the last turn, messages[0], has role 'user'. 'prompt' becomes the last user turn`
    ]
  ])('rejects %s, naming the input, the index and the problem', (_name, parsed, question, message) => {
    expect(() => conversationFrom(parsed, label, question)).toThrow(message)
  })
})

describe('parseMessages', () => {
  it('reads JSON, and YAML (of which JSON is a part)', () => {
    const json = '[{"role": "user", "content": "a: b"}]'
    expect(parseMessages(json, label, yaml)).toEqual([{ role: 'user', content: 'a: b' }])
    expect(parseMessages('- role: user\n  content: hi\n', label, yaml)).toEqual([{ role: 'user', content: 'hi' }])
  })
  it('rejects text that is not JSON', () => {
    expect(() => parseMessages('[{"role": "user",', label, yaml)).toThrow(/^Input 'messages' is not valid JSON \(/)
  })
})

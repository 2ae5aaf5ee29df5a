import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import { toAttachment, withAttachments } from '../../../src/request/attachments.js'
import { NO_OPTIONS, optionFields, systemParam } from '../../../src/request/options.js'
import { png } from '../../fixtures/images.js'

describe('withAttachments and the option fields', () => {
  const a = toAttachment('a.txt', Buffer.from('A'))
  const b = toAttachment('b.png', png(2, 2))
  const ask = (content: MessageParam['content']): MessageParam[] => [{ role: 'user', content }]
  it('keeps the conversation as it is without attachments', () => {
    expect(withAttachments(ask('Hi'), [], '5m')).toEqual(ask('Hi'))
  })
  it('puts the attachments before the prompt, and the cache mark on the last one only', () => {
    expect(withAttachments(ask('Hi'), [a, b], '1h')).toEqual(
      ask([a.block, { ...b.block, cache_control: { type: 'ephemeral', ttl: '1h' } }, { type: 'text', text: 'Hi' }])
    )
    expect(withAttachments(ask('Hi'), [a, b], undefined)).toEqual(ask([a.block, b.block, { type: 'text', text: 'Hi' }]))
  })
  it('puts them in the last turn only, keeping earlier turns and a block-list question', () => {
    const earlier: MessageParam[] = [
      { role: 'user', content: 'Example question' },
      { role: 'assistant', content: 'Example answer' }
    ]
    const question: MessageParam = { role: 'user', content: [{ type: 'text', text: 'Now this one' }] }
    expect(withAttachments([...earlier, question], [a], undefined)).toEqual([
      ...earlier,
      { role: 'user', content: [a.block, { type: 'text', text: 'Now this one' }] }
    ])
  })
  it('marks the system prompt as one cached text block', () => {
    expect(systemParam('Be brief.', '5m')).toEqual([
      { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '5m' } }
    ])
    expect(systemParam('Be brief.', undefined)).toBe('Be brief.')
  })
  it('adds no field for the defaults', () => {
    expect(optionFields(NO_OPTIONS, undefined)).toEqual({})
  })
  it('maps every option, merging effort with the json-schema format', () => {
    const fields = optionFields(
      {
        thinking: { type: 'enabled', budget_tokens: 2048 },
        effort: 'low',
        stopSequences: ['END'],
        serviceTier: 'standard_only',
        metadataUserId: 'u-1',
        cache: '5m'
      },
      { type: 'object' }
    )
    expect(fields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } }, effort: 'low' },
      stop_sequences: ['END'],
      service_tier: 'standard_only',
      metadata: { user_id: 'u-1' }
    })
  })
})

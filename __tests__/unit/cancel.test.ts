import { EventEmitter } from 'node:events'
import { cancelOnSignals } from '../../src/cancel.js'

describe('cancelOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s aborts the step signal and says so; later signals only log', signal => {
    const target = new EventEmitter()
    const lines: string[] = []
    const cancel = cancelOnSignals(target as unknown as NodeJS.Process, line => lines.push(line))
    expect(cancel.aborted).toBe(false)
    target.emit(signal, signal)
    expect(cancel.aborted).toBe(true)
    target.emit('SIGTERM', 'SIGTERM')
    expect(lines).toEqual([
      `Received ${signal}: cancelling the request in flight and any wait.`,
      'Received SIGTERM: cancelling the request in flight and any wait.'
    ])
  })

  it('listens from the moment it is called (index.ts calls it before loading main)', () => {
    const target = new EventEmitter()
    cancelOnSignals(target as unknown as NodeJS.Process, () => {})
    expect(target.listenerCount('SIGINT')).toBe(1)
    expect(target.listenerCount('SIGTERM')).toBe(1)
  })
})

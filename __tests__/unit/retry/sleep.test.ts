/**
 * Timers longer than setTimeout can hold. Node (and the fake clock, which copies
 * it) fires a delay above 2^31 − 1 ms after 1 ms; these must wait the whole time instead.
 */
import { getEventListeners } from 'node:events'
import { jest } from '@jest/globals'
import { longTimeout, MAX_TIMER_MS, sleep } from '../../../src/retry/sleep.js'

const DAY = 24 * 60 * 60 * 1000
beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

describe('sleep', () => {
  it.each([MAX_TIMER_MS + 1, 30 * DAY, 99_999_999_000])('waits the whole %i ms, not 1 ms', async ms => {
    let done = false
    void sleep(ms, new AbortController().signal).then(() => (done = true))
    await jest.advanceTimersByTimeAsync(1000)
    expect(done).toBe(false)
    await jest.advanceTimersByTimeAsync(ms - 1001)
    expect(done).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
  })

  it('ends at once when the signal aborts, and clears its timer', async () => {
    const controller = new AbortController()
    let done = false
    void sleep(30 * DAY, controller.signal).then(() => (done = true))
    await jest.advanceTimersByTimeAsync(10)
    controller.abort()
    await jest.advanceTimersByTimeAsync(0)
    expect(done).toBe(true)
    expect(jest.getTimerCount()).toBe(0)
  })

  it('leaves no listener on the signal once it ends: one signal serves every wait of a run', async () => {
    const controller = new AbortController()
    for (let i = 0; i < 3; i++) {
      const slept = sleep(100, controller.signal)
      await jest.advanceTimersByTimeAsync(100)
      await slept
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    const cut = sleep(100, controller.signal)
    controller.abort()
    await cut
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('does not wait at all when already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await sleep(DAY, controller.signal)
    expect(jest.getTimerCount()).toBe(0)
  })
})

describe('longTimeout', () => {
  it('fires once, after exactly the delay, past the 2^31 − 1 ms limit', async () => {
    const fire = jest.fn()
    longTimeout(fire, 2 * MAX_TIMER_MS + 5)
    await jest.advanceTimersByTimeAsync(2 * MAX_TIMER_MS + 4)
    expect(fire).not.toHaveBeenCalled()
    await jest.advanceTimersByTimeAsync(1)
    expect(fire).toHaveBeenCalledTimes(1)
    await jest.advanceTimersByTimeAsync(10 * MAX_TIMER_MS)
    expect(fire).toHaveBeenCalledTimes(1)
  })

  it('can be cancelled in any chunk', async () => {
    const fire = jest.fn()
    const cancel = longTimeout(fire, 3 * MAX_TIMER_MS)
    await jest.advanceTimersByTimeAsync(MAX_TIMER_MS + 10)
    cancel()
    await jest.advanceTimersByTimeAsync(5 * MAX_TIMER_MS)
    expect(fire).not.toHaveBeenCalled()
    expect(jest.getTimerCount()).toBe(0)
  })

  it('short delays are one plain timer', async () => {
    const fire = jest.fn()
    longTimeout(fire, 250)
    await jest.advanceTimersByTimeAsync(249)
    expect(fire).not.toHaveBeenCalled()
    await jest.advanceTimersByTimeAsync(1)
    expect(fire).toHaveBeenCalledTimes(1)
  })

  it('never fires before its time by the clock, though a timer fires early (Node counts from the tick)', async () => {
    // The clock reads 1 ms behind the timers, as Date.now() does when a timer was armed late in
    // an event-loop tick: when the 100 ms timer fires, the clock says 1 ms is left.
    let clock = 0
    const fire = jest.fn()
    longTimeout(fire, 100, () => clock)
    clock = 99
    await jest.advanceTimersByTimeAsync(100)
    expect(fire).not.toHaveBeenCalled()
    clock = 100
    await jest.advanceTimersByTimeAsync(1)
    expect(fire).toHaveBeenCalledTimes(1)
  })
})

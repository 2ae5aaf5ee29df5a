/**
 * http-fetch.ts's connect timeout, against a real listener that never accepts: another Node
 * process listens with a backlog of 1 and then blocks, so once its queue holds two connections
 * the kernel drops further SYNs and a connect hangs, as to a host behind a firewall that drops
 * packets. Without the timeout such a request would wait for the attempt's `timeout` (600 s).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { afterEach } from '@jest/globals'
import { httpFetch } from '../../src/network/http-fetch.js'

const LISTEN_AND_BLOCK = `require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () {
  console.log(this.address().port)
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
})`

let listener: ChildProcess | undefined
const held: Socket[] = []
afterEach(() => {
  for (const socket of held.splice(0)) socket.destroy()
  listener?.kill()
})

/** Connects until a connect hangs (the queue is full): the port then drops every new SYN. */
async function fullPort(): Promise<number> {
  listener = spawn(process.execPath, ['-e', LISTEN_AND_BLOCK])
  const port = await new Promise<number>(resolve =>
    listener!.stdout!.once('data', data => resolve(Number(String(data))))
  )
  for (;;) {
    const socket = connect(port, '127.0.0.1')
    held.push(socket)
    const connected = await new Promise<boolean>(resolve => {
      const timer = setTimeout(() => resolve(false), 300)
      socket.once('connect', () => (clearTimeout(timer), resolve(true)))
    })
    if (!connected) return port
  }
}

it('gives up on a connect that does not complete within its limit, with the code undici used', async () => {
  const port = await fullPort()
  const failure = await httpFetch({ connectTimeoutMs: 200 })(`http://127.0.0.1:${port}/v1/messages`).catch(
    (error: unknown) => error
  )
  expect(failure).toBeInstanceOf(TypeError)
  expect(failure).toMatchObject({
    message: 'fetch failed',
    cause: { code: 'UND_ERR_CONNECT_TIMEOUT', message: 'waited 0.2 s to connect' }
  })
})

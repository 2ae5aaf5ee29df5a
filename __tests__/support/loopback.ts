/**
 * Serving a fake on 127.0.0.1: listen on a free port, keep track of the open connections, and
 * close at once (keep-alive connections destroyed, so no test waits for them). Every fake server
 * in this folder listens through it.
 */
import type { AddressInfo, Server, Socket } from 'node:net'

export interface Listening {
  port: number
  /** Stops listening and destroys every open connection; the same promise when called again. */
  close: () => Promise<void>
}

export async function listenOnLoopback(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closed: Promise<void> | undefined
  return {
    port,
    close: () =>
      (closed ??= new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
        sockets.clear()
      }))
  }
}

/** A loopback port for a server a test, bench or script starts (Node only). */
import net from 'node:net';

/**
 * A loopback port nobody holds right now.
 *
 * @example const port = await freePort()
 */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// A loopback proxy that adds the administrator's bearer token to every request: the W3C protocol
// tests load their data with SPARQL Update and send updates of their own, as an administrator would.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startAdminProxy(targetUrl: string, token: string): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(targetUrl);
  const server: Server = createServer((incoming, outgoing) => {
    const forwarded = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host, authorization: `Bearer ${token}` } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', (error) => outgoing.writeHead(502).end(error.message));
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// A local HTTP server on loopback that answers with recorded source responses, so harvesters are
// tested against real payloads in their real protocol structure, with no network.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
  gzip?: boolean;
  /** Never answer (to test timeouts and kills mid-request). */
  hang?: boolean;
  /** Send the body one byte at a time, this many ms apart (a source that trickles). */
  trickleMs?: number;
  /** Send this many bytes of the body, then drop the connection. */
  dropAfterBytes?: number;
}

export type Route = (url: URL, request: IncomingMessage) => Reply | Promise<Reply>;

export interface ReplayServer {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

export async function startReplayServer(route: Route): Promise<ReplayServer> {
  const requests: URL[] = [];
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    try {
      const reply = await route(url, request);
      if (reply.hang) return;
      const body = reply.gzip ? gzipSync(reply.body) : Buffer.from(reply.body);
      response.writeHead(reply.status ?? 200, { ...(reply.gzip ? { 'content-encoding': 'gzip' } : {}), ...reply.headers, 'content-length': String(body.length) });
      if (reply.dropAfterBytes !== undefined) {
        response.write(body.subarray(0, reply.dropAfterBytes), () => response.destroy());
        return;
      }
      if (reply.trickleMs !== undefined) {
        for (let i = 0; i < body.length && !response.destroyed; i += 1) {
          response.write(body.subarray(i, i + 1));
          await new Promise((resolve) => setTimeout(resolve, reply.trickleMs));
        }
        response.end();
        return;
      }
      response.end(body);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

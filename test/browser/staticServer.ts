/**
 * A plain static file server, as a static host would be: it answers with the file at the path and
 * nothing else. No SPA fallback, no rewrites. What it does do is what every common static host
 * does: "/dir" redirects to "/dir/", "/dir/" serves "/dir/index.html", and an unknown path gets
 * the site's 404.html with status 404. The site may live under a sub-path (`mount`, e.g.
 * "/unrolled/"); everything outside it is 404.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

async function fileAt(path: string): Promise<'file' | 'dir' | null> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234, without the mount and without a trailing slash. */
  origin: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveStatic(rootDir: string, mount = '/'): Promise<StaticServer> {
  const root = normalize(rootDir);
  const server = createServer((request, response) => {
    void (async () => {
      const send = async (status: number, file: string | null) => {
        if (file) {
          response.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
          createReadStream(file).pipe(response);
        } else {
          response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(`${status}\n`);
        }
      };
      const notFound = async () => {
        const page = join(root, '404.html');
        await send(404, (await fileAt(page)) === 'file' ? page : null);
      };
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, null);
      const url = new URL(request.url ?? '/', 'http://localhost');
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(400, null);
      }
      if (pathname === mount.replace(/\/$/, '') && mount !== '/') {
        response.writeHead(301, { location: mount + url.search });
        return response.end();
      }
      if (!pathname.startsWith(mount)) return notFound();
      const path = normalize(join(root, pathname.slice(mount.length)));
      if (path !== root && !path.startsWith(root + sep)) return send(403, null);
      const kind = await fileAt(path);
      if (kind === 'file') return send(200, path);
      if (kind === 'dir') {
        if (!pathname.endsWith('/')) {
          response.writeHead(301, { location: `${url.pathname}/${url.search}` });
          return response.end();
        }
        const index = join(path, 'index.html');
        if ((await fileAt(index)) === 'file') return send(200, index);
      }
      return notFound();
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

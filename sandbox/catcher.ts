/**
 * A plain HTTP server on another local port that answers every request with 200 `{}` and remembers what
 * it received: where a redirect from the sandbox points, to check what a client carries there (it must
 * never be the Worken key). Test instrument only: it keeps raw headers in memory and never logs them.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface CaughtRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

export interface Catcher {
	url: string;
	received: CaughtRequest[];
	close(): Promise<void>;
}

export async function startCatcher(host = '127.0.0.1'): Promise<Catcher> {
	const received: CaughtRequest[] = [];
	const server = createServer((req, res) => {
		received.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } });
		req.resume();
		req.on('end', () => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://${host}:${port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

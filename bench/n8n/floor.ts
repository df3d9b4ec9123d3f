/**
 * The sequential floor: a plain keep-alive HTTP loop in the benchmark's own process reading the same pages
 * the nodes read (100 a page until a short one), parsing each and keeping every item. No n8n, no
 * credential lookup, no retries: the least one client reading one page after another can spend.
 */
import * as http from 'node:http';

export async function readAllPagesPlainly(baseUrl: string, key: string, path = '/threads'): Promise<{ items: number; ms: number; requests: number }> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const get = (offset: number): Promise<unknown[]> =>
		new Promise((resolve, reject) => {
			const req = http.get(`${baseUrl}${path}?limit=100&offset=${offset}`, { agent, headers: { authorization: `Bearer ${key}`, accept: 'application/json' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					if (res.statusCode !== 200) return reject(new Error(`GET ${path} offset ${offset} → ${res.statusCode}`));
					resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]);
				});
				res.on('error', reject);
			});
			req.on('error', reject);
		});
	const started = process.hrtime.bigint();
	const items: unknown[] = [];
	let requests = 0;
	try {
		for (let offset = 0; ; offset += 100) {
			const page = await get(offset);
			requests++;
			for (const item of page) items.push(item);
			if (page.length < 100) break;
		}
	} finally {
		agent.destroy();
	}
	return { items: items.length, ms: Number(process.hrtime.bigint() - started) / 1e6, requests };
}

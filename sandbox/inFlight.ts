/**
 * How many public-API requests of each project are being handled at the same moment, and the most there
 * ever were: lets tests see that a client reading "one request at a time" never overlaps two, and how far
 * a parallel one goes. A request counts from authentication until its answer is written (or the socket
 * closes).
 */
export class InFlightMeter {
	private now = new Map<string, number>();
	private most = new Map<string, number>();

	/** Counts one request of `projectId` until `res` finishes or closes. */
	track(projectId: string, res: { once(event: 'close', listener: () => void): unknown }): void {
		const current = (this.now.get(projectId) ?? 0) + 1;
		this.now.set(projectId, current);
		this.most.set(projectId, Math.max(current, this.most.get(projectId) ?? 0));
		res.once('close', () => this.now.set(projectId, (this.now.get(projectId) ?? 1) - 1));
	}

	/** The most requests of the project handled at once since the last reset. */
	peak(projectId: string): number {
		return this.most.get(projectId) ?? 0;
	}

	reset(): void {
		this.most.clear();
	}
}

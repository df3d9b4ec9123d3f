import { STATUS_CODES } from 'node:http';

/**
 * An error that becomes an HTTP answer `{"error": <reason phrase>, "message"?: <detail>}` — the one error
 * body shape of the contract. Domain code and control methods throw it; the server turns it into a response.
 */
export class ApiError extends Error {
	readonly status: number;
	readonly error: string;
	readonly detail: string | undefined;
	readonly headers: Record<string, string>;

	constructor(status: number, detail?: string, headers: Record<string, string> = {}) {
		super(detail ?? STATUS_CODES[status] ?? `HTTP ${status}`);
		this.name = 'ApiError';
		this.status = status;
		this.error = STATUS_CODES[status] ?? 'Error';
		this.detail = detail;
		this.headers = headers;
	}

	toBody(): { error: string; message?: string } {
		return this.detail === undefined ? { error: this.error } : { error: this.error, message: this.detail };
	}
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);

/** `resource` is the capitalised name used in messages: "Bot" → "Bot not found". */
export const notFound = (resource: string): ApiError => new ApiError(404, `${resource} not found`);

export const unauthorized = (): ApiError => new ApiError(401);

export const conflict = (message: string): ApiError => new ApiError(409, message);

import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { CLEAR_TEXT_REFUSAL, KEY_PATTERN, sendsKeyInClear } from '../nodes/transport/credentials';

/**
 * The project's Worken API key. Keys are project-scoped: every bot, chat, thread and integration the
 * nodes touch belongs to the key's project.
 */
export class WorkenApi implements ICredentialType {
	name = 'workenApi';

	displayName = 'Worken API';

	icon: Icon = { light: 'file:../nodes/Worken/worken.svg', dark: 'file:../nodes/Worken/worken.dark.svg' };

	documentationUrl = 'https://github.com/worken/n8n-nodes-worken#set-up-the-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk-…',
			description:
				'The API key of your Worken project: "sk-" followed by hex characters, from the project settings in Worken',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.worken.ru',
			description:
				'Leave the default for Worken itself. Change it only to reach another Worken server, such as the local Worken sandbox. Use https://; plain http:// is accepted only for this machine (localhost, 127.0.0.1), because it would send the key unencrypted.',
		},
		{
			// n8n runs `preAuthentication` before a request while this hidden field is empty, and before
			// every credential test. It is never filled, so the key check below runs every time.
			displayName: 'Key Check',
			name: 'keyCheck',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/**
	 * Refuses a key that cannot be a Worken key before any request leaves n8n, with a message that says
	 * what a key looks like, and a plain http:// Base URL to another machine (the key would travel
	 * unencrypted). The key itself is never part of the message.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		if (!KEY_PATTERN.test(apiKey)) {
			throw new Error(
				'This API Key is not a Worken key: it must start with "sk-" followed by hex characters (0-9, a-f). Copy it again from your Worken project settings. Nothing was sent to Worken.',
			);
		}
		if (typeof credentials.baseUrl === 'string' && sendsKeyInClear(credentials.baseUrl)) {
			throw new Error(CLEAR_TEXT_REFUSAL);
		}
		return {};
	}

	/**
	 * Adds `Authorization: Bearer <key>` to every request. A function rather than n8n's generic
	 * `{{$credentials.apiKey}}` header, which n8n evaluates as an expression for every request at a cost
	 * larger than the node's own work per page; the header sent is the same.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${apiKey}` };
		return requestOptions;
	}

	/**
	 * Worken error bodies are `{"error": …}`. The request does not fail on an error status, and the rules
	 * read the body instead: n8n 1.x ignores `responseCode` rules, so this is the way both 1.x and 2.x show
	 * these messages (and n8n then sends the test once instead of repeating it after a 401).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/bots',
			qs: { limit: 1 },
			method: 'GET',
			ignoreHttpStatusErrors: true,
			// n8n re-sends credentials on a redirect to another host: the key only ever goes to Base URL.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Unauthorized',
					message:
						'Worken rejected this API key. Copy the key again from your Worken project settings: it must start with "sk-" followed by hex characters and must not have been revoked.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Not Found',
					message:
						'No Worken API answered at this Base URL. Leave it at https://api.worken.ru unless you run your own Worken server.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Too Many Requests',
					message:
						'The key works, but Worken\'s rate limit for your plan is reached right now. Wait a minute and test again.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Internal Server Error',
					message: 'Worken had an internal error while checking the key. Try again in a moment.',
				},
			},
		],
	};

}

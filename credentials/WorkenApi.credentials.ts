import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The project's Worken API key. Keys are project-scoped: every bot, chat, thread and integration the
 * nodes touch belongs to the key's project.
 */
export class WorkenApi implements ICredentialType {
	name = 'workenApi';

	displayName = 'Worken API';

	icon: Icon = { light: 'file:../nodes/Worken/worken.svg', dark: 'file:../nodes/Worken/worken.dark.svg' };

	documentationUrl = 'https://docs.worken.ru/api';

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
				'Leave the default for Worken itself. Change it only to reach another Worken server, such as the local Worken sandbox.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey.trim()}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/bots',
			qs: { limit: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Worken rejected this API key. Copy the key again from your Worken project settings: it must start with "sk-" followed by hex characters and must not have been revoked.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Worken API answered at this Base URL. Leave it at https://api.worken.ru unless you run your own Worken server.',
				},
			},
		],
	};
}

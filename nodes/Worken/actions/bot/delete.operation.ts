import { deleteOperation } from '../deleteOperation';

export const { properties, execute } = deleteOperation(
	'botId',
	'deleteBot',
	'The bot to delete. Its chats, threads and messages may be deleted with it.',
);

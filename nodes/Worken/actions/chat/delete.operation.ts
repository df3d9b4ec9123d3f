import { deleteOperation } from '../deleteOperation';

export const { properties, execute } = deleteOperation(
	'chatId',
	'deleteChat',
	'The chat to delete. Its threads and messages are deleted with it.',
);

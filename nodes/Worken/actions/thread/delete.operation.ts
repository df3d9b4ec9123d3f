import { deleteOperation } from '../deleteOperation';

export const { properties, execute } = deleteOperation('threadId', 'deleteThread', 'The thread to delete, with its messages');

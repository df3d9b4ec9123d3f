import { deleteOperation } from '../deleteOperation';

export const { properties, execute } = deleteOperation(
	'integrationId',
	'deleteIntegration',
	'The integration to delete',
);

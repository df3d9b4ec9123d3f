import { billing, listUsage } from '../domain/usage';
import { badRequest } from '../errors';
import { dateParam, page, pagination } from '../validate';
import { ApiRouter } from './context';

export function billingRoutes(r: ApiRouter): void {
	r.add('GET', '/billing', ({ project }) => billing(project));

	// Seeded usage days plus the usage of every completed stream; `from`/`to` are inclusive.
	r.add('GET', '/billing/usage', ({ project, query }) => {
		const p = pagination(query);
		const from = dateParam(query, 'from');
		const to = dateParam(query, 'to');
		if (from !== undefined && to !== undefined && from > to) throw badRequest('from must not be after to');
		return page(listUsage(project, { from, to, bot_id: query.bot_id }), p);
	});
}

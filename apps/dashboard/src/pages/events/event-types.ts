import type { paths } from '../../api/schema';

type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

/** One page of the event log as GET /api/v1/events answers it (the server's schema). */
export type EventPage = Json<paths['/api/v1/events']['get']['responses'][200]>;
export type StoredEvent = EventPage['events'][number];

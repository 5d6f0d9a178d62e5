import type { paths } from '../../api/schema';

type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

/** One order as GET /api/v1/orders lists it (the server's schema). */
export type Order = Json<paths['/api/v1/orders']['get']['responses'][200]>[number];
/** POST /api/v1/orders's answer when the order is stored for sending. */
export type PlacedOrder = Json<paths['/api/v1/orders']['post']['responses'][201]>;

import type { components } from '../api/schema';

/** One committed event as GET /api/v1/events and the live stream carry it (the server's schema). */
export type LiveEvent = components['schemas']['StoredEventResponse'];

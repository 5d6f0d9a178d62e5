/**
 * One committed event as GET /api/v1/events and the live stream carry it.
 * Temporary: replaced by the server's schema type once the events route documents its response.
 */
export interface LiveEvent {
  readonly position: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

import { UnknownEventTypeError, UnsupportedSchemaVersionError } from '../store/event-store.errors';
import { EventSchema } from './event-schema';

export interface EventSchemaRegistryOptions {
  /** Reading a type that was never registered raises `UnknownEventTypeError`. Default: true. */
  readonly rejectUnknownTypes?: boolean;
}

/** Where a stored event is, for the errors the registry raises. */
interface StoredAt {
  readonly position: number;
  readonly streamId: string;
}

/**
 * Knows every event type's current schema version and how to upcast older payloads on read.
 * An empty registry accepts every type as-is (the store's default when no schemas are given).
 */
export class EventSchemaRegistry {
  private readonly schemas = new Map<string, EventSchema>();
  private readonly rejectUnknownTypes: boolean;

  constructor(schemas: readonly EventSchema[] = [], options: EventSchemaRegistryOptions = {}) {
    this.rejectUnknownTypes = options.rejectUnknownTypes ?? true;
    for (const schema of schemas) this.register(schema);
  }

  register(schema: EventSchema): void {
    if (!Number.isInteger(schema.currentVersion) || schema.currentVersion < 1) {
      throw new RangeError(`Schema of ${schema.type} needs an integer currentVersion >= 1, got ${schema.currentVersion}`);
    }
    this.schemas.set(schema.type, schema);
  }

  /** The version new events of `type` are written at. */
  currentVersion(type: string): number {
    return this.schemas.get(type)?.currentVersion ?? 1;
  }

  /** The payload of a stored event at the current version of its type. */
  upcast(type: string, schemaVersion: number, data: unknown, at: StoredAt): { schemaVersion: number; data: unknown } {
    const schema = this.schemas.get(type);
    if (!schema) {
      if (this.rejectUnknownTypes && this.schemas.size > 0) throw new UnknownEventTypeError(at.position, at.streamId, type);
      return { schemaVersion, data };
    }
    if (schemaVersion === schema.currentVersion) return { schemaVersion, data };
    if (schemaVersion > schema.currentVersion) {
      throw new UnsupportedSchemaVersionError(at.position, at.streamId, type, schemaVersion, schema.currentVersion);
    }
    let upcast = data;
    for (let version = schemaVersion; version < schema.currentVersion; version += 1) {
      const step = schema.upcasters?.[version];
      if (!step) throw new UnsupportedSchemaVersionError(at.position, at.streamId, type, schemaVersion, schema.currentVersion);
      upcast = step(upcast);
    }
    return { schemaVersion: schema.currentVersion, data: upcast };
  }
}

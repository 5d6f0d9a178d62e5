import { Lane } from '../bus/lane';

export const laneHandlerMetadata = Symbol('trader:lane-handler');

/** Declared on a provider with `handle(event: StoredEvent): Promise<void>`. */
export interface LaneHandlerOptions {
  /** Checkpoint key; never rename it once deployed (the handler would start again from position 1). */
  readonly name: string;
  readonly lane: Lane;
  readonly eventTypes?: readonly string[];
}

/** Marks a provider as a durable, checkpointed handler in one of the five lanes. */
export function LaneHandler(options: LaneHandlerOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(laneHandlerMetadata, options, target);
  };
}

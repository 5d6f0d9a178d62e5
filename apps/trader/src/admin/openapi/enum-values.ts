/**
 * The members of a string union as an array for `@ApiProperty({ enum })`, written as a record so the
 * compiler fails here when the union gains or loses a member: `enumValues<SessionMode>({ idle: true, ... })`.
 */
export function enumValues<T extends string>(members: Record<T, true>): T[] {
  return Object.keys(members) as T[];
}

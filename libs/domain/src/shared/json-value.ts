/** A JSON value: what configuration changes carry and what event payloads are made of. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

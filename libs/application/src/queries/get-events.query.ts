/** Stored events, oldest first: of one stream, of one type, or all, from a position on. */
export class GetEvents {
  constructor(
    readonly filter: { readonly streamId?: string; readonly type?: string; readonly correlationId?: string; readonly fromPosition?: number; readonly limit?: number } = {},
  ) {}
}

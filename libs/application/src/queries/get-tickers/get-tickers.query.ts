/** What do these markets trade at now? */
export class GetTickers {
  constructor(readonly markets: readonly string[]) {}
}

/** The full current definition of one strategy (what `strategy export` writes). */
export class GetStrategy {
  constructor(readonly strategyId: string) {}
}

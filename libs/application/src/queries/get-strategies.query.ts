/** Which strategies are defined, at which version, on which markets, enabled or not? */
export class GetStrategies {}

/** What do we hold, at what cost, and what is it worth now? */
export class GetPositions {}

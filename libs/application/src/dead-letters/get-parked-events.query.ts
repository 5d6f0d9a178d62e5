/** Which events did handlers give up on (all, or one handler's)? */
export class GetParkedEvents {
  constructor(readonly subscriber?: string) {}
}

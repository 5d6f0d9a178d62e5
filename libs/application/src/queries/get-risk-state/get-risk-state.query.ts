/** Which limits apply, how close are we to them, and is anything halting trading? */
export class GetRiskState {}

/** What is the state of one order? */
export class GetOrder {
  constructor(readonly orderId: string) {}
}

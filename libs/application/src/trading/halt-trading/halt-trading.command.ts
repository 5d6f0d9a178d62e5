import { CommandContext } from '../../ports/aggregate-repository.port';

/** Stop new entries and adds; exits and cancels still pass. */
export class HaltTrading {
  constructor(
    readonly reason: string,
    readonly context: CommandContext = {},
  ) {}
}

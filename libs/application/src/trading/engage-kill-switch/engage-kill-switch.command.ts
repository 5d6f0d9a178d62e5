import { CommandContext } from '../../ports/aggregate-repository.port';

/** Stop everything: deny every new order, halt the session and cancel every working order. */
export class EngageKillSwitch {
  constructor(
    readonly reason: string,
    readonly context: CommandContext = {},
  ) {}
}

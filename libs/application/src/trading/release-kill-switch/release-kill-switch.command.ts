import { CommandContext } from '../../ports/aggregate-repository.port';

/** The operator releases the kill switch; trading stays halted until resumed. */
export class ReleaseKillSwitch {
  constructor(readonly context: CommandContext = {}) {}
}

import { CommandContext } from '../../ports/aggregate-repository.port';

/** The operator resumes a halted session; a halt the risk policy raised (daily loss, drawdown) is cleared with it. */
export class ResumeTrading {
  constructor(readonly context: CommandContext = {}) {}
}

import { CommandContext } from '../../ports/aggregate-repository.port';

/** Define a new strategy from untrusted data (an imported JSON file, an API body); the domain validates it. */
export class DefineStrategy {
  constructor(
    readonly definition: unknown,
    readonly context: CommandContext = {},
  ) {}
}

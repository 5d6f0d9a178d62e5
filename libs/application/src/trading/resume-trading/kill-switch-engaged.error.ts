import { DomainError } from '@trader/domain';

/**
 * The operator asked to resume while the kill switch is engaged: a command illegal in the current
 * state, as the domain's own transition errors are (the admin API answers 409, Telegram "Refused").
 * Resuming would show the session as trading while the risk policy still denies every order; the
 * switch has its own release, on purpose, and the session is resumed after it.
 */
export class KillSwitchEngagedError extends DomainError {
  readonly code = 'illegal_resume_while_kill_switch_engaged';

  constructor() {
    super('ResumeTrading is not allowed while the kill switch is engaged: release it first (POST /api/v1/session/release-kill-switch), then resume', 'kill_switch');
  }
}

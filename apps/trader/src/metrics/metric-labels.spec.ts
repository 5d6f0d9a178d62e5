import { PROTECTION_NAMES, protectionReasonCode } from '@trader/domain';
import { denialReasons } from './metric-labels';

describe('metric label values', () => {
  it("count an entry a protection's lock refused under its own reason, not as other", () => {
    expect(PROTECTION_NAMES.length).toBeGreaterThan(0);
    for (const protection of PROTECTION_NAMES) expect(denialReasons).toContain(protectionReasonCode(protection));
    expect(denialReasons).toContain('protection_cooldown');
  });
});

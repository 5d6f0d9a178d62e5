/**
 * Every protocol choice the spec sheet (`shared/docs/upbit-api.md`) marks [unverified] or [UNCERTAIN]
 * lives here, so changing one is a one-line edit; docs/simulator.md lists each with its reason.
 */
export const UPBIT_RULES = {
  /** KRW minimum order total (sheet: 5,000 KRW [unverified]); BTC 0.00005; USDT 0.5. */
  minOrderTotal: { KRW: '5000', BTC: '0.00005', USDT: '0.5' } as Record<string, string>,
  /** Maximum single order total per quote currency (sheet: 1e9 KRW [unverified], BTC 10). */
  maxOrderTotal: { KRW: '1000000000', BTC: '10', USDT: '1000000' } as Record<string, string>,
  /** Fees by quote currency: KRW 0.05 %, BTC and USDT 0.25 % [unverified]; maker = taker. */
  feeRate: { KRW: '0.0005', BTC: '0.0025', USDT: '0.0025' } as Record<string, string>,
  /** An IOC/FOK/best order left with an unfilled part ends `cancel` even when partly executed [UNCERTAIN]. */
  partiallyFilledImmediateOrderState: 'cancel' as const,
  /** A market buy (`price`) whose leftover funds cannot buy one 1e-8 unit ends `cancel` (leftover returned). */
  marketBuyLeftoverState: 'cancel' as const,
  /** Visible depth that bounds market orders (since 2025-05-07: levels 1-30). */
  marketOrderDepthLevels: 30,
  /** Order book depth served by REST and WebSocket (max 30, default 30). */
  maxOrderbookUnits: 30,
  /** WebSocket idle timeout: no data in either direction for this long closes the connection. */
  websocketIdleTimeoutMs: 120_000,
  /** Error names the sheet does not pin down. */
  errorNames: {
    duplicateIdentifier: 'validation_error',
    missingToken: 'jwt_verification',
    rateLimited: 'too_many_requests',
    blocked: 'too_many_requests',
    /** WebSocket error frame for a request over the message limit (Upbit's name is not documented). */
    webSocketTooManyRequests: 'TOO_MANY_REQUEST',
  },
  /** The deprecated `min=` value of the Remaining-Req header, which clients must ignore. */
  remainingReqMin: 1800,
} as const;

/** DI token of the whole `UpbitClient` (stats, limiter alerts, fault drills). */
export const UPBIT_CLIENT = Symbol('UPBIT_CLIENT');

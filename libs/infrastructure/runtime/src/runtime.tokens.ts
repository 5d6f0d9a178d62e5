/** DI token of the `Clock` every component reads time from. */
export const CLOCK = Symbol('CLOCK');
/** DI token of the `RuntimeLogger`. */
export const RUNTIME_LOGGER = Symbol('RUNTIME_LOGGER');
/** DI token of the resolved `RuntimeOptions`. */
export const RUNTIME_OPTIONS = Symbol('RUNTIME_OPTIONS');

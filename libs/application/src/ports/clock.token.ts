/** DI token of the domain `Clock` the application reads time from. */
export const APPLICATION_CLOCK = Symbol('APPLICATION_CLOCK');

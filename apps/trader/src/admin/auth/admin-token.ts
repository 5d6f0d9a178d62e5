/** DI token of the admin API's bearer token (a `Secret`). */
export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

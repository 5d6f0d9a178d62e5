export type { StreamAppend } from '@trader/application';

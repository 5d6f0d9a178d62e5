import { types } from 'pg';

/**
 * int8 (positions, versions, epoch milliseconds) as numbers, as the store's worker connection reads
 * them: every such value here is below 2^53. Per client (`types`), so nothing else in the process
 * that uses `pg` is changed.
 */
export const pgNumberTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

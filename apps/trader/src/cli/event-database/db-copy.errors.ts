/** The target schema of `db copy` already holds a store: copying into it would mix two histories. */
export class CopyTargetNotEmptyError extends Error {
  readonly code = 'DB_COPY_TARGET_NOT_EMPTY';

  constructor(
    readonly target: string,
    readonly rows: Readonly<Record<string, number>>,
  ) {
    const held = Object.entries(rows)
      .filter(([, count]) => count > 0)
      .map(([table, count]) => `${count} ${table}`)
      .join(', ');
    super(`${target} is not empty (${held}); db copy only fills an empty account schema. Choose another --account, or drop that schema first if it is a failed copy`);
    this.name = 'CopyTargetNotEmptyError';
  }
}

/** The source of `db copy` is not an event database this trader can read, or is at another schema version. */
export class CopySourceError extends Error {
  readonly code = 'DB_COPY_SOURCE';

  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`--from ${source}: ${reason}`);
    this.name = 'CopySourceError';
  }
}

/** The copy's counts or event digest differ from the source's; the target was emptied again. */
export class CopyVerificationError extends Error {
  readonly code = 'DB_COPY_MISMATCH';

  constructor(readonly differences: readonly string[]) {
    super(`the copy does not match its source (${differences.join('; ')}); the target schema was emptied again`);
    this.name = 'CopyVerificationError';
  }
}

/** Ctrl-C during `db copy`: the target was emptied again. */
export class CopyAbortedError extends Error {
  readonly code = 'DB_COPY_ABORTED';

  constructor() {
    super('db copy interrupted; the target schema was emptied again');
    this.name = 'CopyAbortedError';
  }
}

/** A copy failed and emptying the target failed too (the connection is gone, say): the schema holds part of a copy. */
export class CopyLeftPartialError extends Error {
  readonly code = 'DB_COPY_LEFT_PARTIAL';

  constructor(
    readonly schema: string,
    readonly failure: unknown,
    readonly cleanupFailure: unknown,
  ) {
    super(
      `db copy failed (${messageOf(failure)}) and emptying the target failed too (${messageOf(cleanupFailure)}): ` +
        `schema ${schema} may hold part of the copy; drop it (DROP SCHEMA ${schema} CASCADE) before copying again`,
    );
    this.name = 'CopyLeftPartialError';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

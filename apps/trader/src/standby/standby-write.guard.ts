import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppKernel } from '@trader/runtime';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import { InstanceIsStandbyError } from './standby.errors';

/** Methods that read: a standby serves them. */
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A standby answers reads only: every other REST method and every GraphQL mutation is refused with
 * `InstanceIsStandbyError` (503) before its handler runs. Writes would fail anyway (the event store
 * refuses appends without the account lease); refusing them here says why, and refuses the ones that
 * would not append but act (a backtest run, a notification retry) as well.
 */
@Injectable()
export class StandbyWriteGuard implements CanActivate {
  constructor(private readonly kernel: AppKernel) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.kernel.currentRole !== 'standby') return true;
    if (context.getType<string>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
      if (info.operation.operation === 'mutation') throw new InstanceIsStandbyError(`GraphQL mutation ${info.fieldName}`);
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    if (!READ_METHODS.has(request.method)) throw new InstanceIsStandbyError(`${request.method} ${request.path}`);
    return true;
  }
}

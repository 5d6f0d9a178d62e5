import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Secret } from '../../config/secret';
import { ADMIN_TOKEN } from './admin-token';
import { PUBLIC_ROUTE } from './public.decorator';
import { isAdminBearer } from './token-check';

/** What a GraphQL operation's context holds: the HTTP request, or a subscription that passed the handshake. */
export interface GraphqlRequestContext {
  req?: Request;
  subscriptionAuthorised?: boolean;
}

/**
 * Every admin route and GraphQL operation needs `Authorization: Bearer <token>`, except routes marked
 * @Public(). GraphQL subscriptions present the token once, in the connection handshake.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(
    @Inject(ADMIN_TOKEN) private readonly token: Secret,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    let header: string | undefined;
    if (context.getType<string>() === 'graphql') {
      const graphqlContext = GqlExecutionContext.create(context).getContext<GraphqlRequestContext>();
      if (graphqlContext.subscriptionAuthorised) return true;
      header = graphqlContext.req?.headers.authorization;
    } else {
      header = context.switchToHttp().getRequest<Request>().headers.authorization;
    }
    if (!isAdminBearer(header, this.token)) {
      throw new UnauthorizedException('a valid bearer token is required (Authorization: Bearer <TRADER_TOKEN>)');
    }
    return true;
  }
}

import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Secret } from '../../config/secret';
import { ADMIN_TOKEN } from './admin-token';
import { PUBLIC_ROUTE } from './public.decorator';

/**
 * Every admin route needs `Authorization: Bearer <token>`, except the ones marked @Public(). Tokens are
 * compared in constant time (on their SHA-256 digests, so lengths do not leak either).
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(ADMIN_TOKEN) token: Secret,
    private readonly reflector: Reflector,
  ) {
    this.expected = digest(token.reveal());
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new UnauthorizedException('a valid bearer token is required (Authorization: Bearer <TRADER_TOKEN>)');
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { Secret } from '../../config/secret';
import { ADMIN_TOKEN } from './admin-token';

/** Makes the admin token available to every module (the guard, the GraphQL subscription handshake). */
@Global()
@Module({})
export class AdminTokenModule {
  static forRoot(token: Secret): DynamicModule {
    return { module: AdminTokenModule, providers: [{ provide: ADMIN_TOKEN, useValue: token }], exports: [ADMIN_TOKEN] };
  }
}

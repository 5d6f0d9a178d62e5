import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { Secret } from '../../config/secret';
import { TraderMode } from '../../config/trader-config';
import { ADMIN_TOKEN } from '../auth/admin-token';
import { GraphqlRequestContext } from '../auth/bearer-token.guard';
import { isAdminBearer } from '../auth/token-check';
import { adminQueryLimits, queryLimitsRule } from './query-limits.validation-rule';
import { TradingGraphqlResolver } from './trading.graphql-resolver';

export interface AdminGraphqlOptions {
  readonly mode: TraderMode;
}

/**
 * GraphQL at /graphql (queries and mutations over HTTP, subscriptions over graphql-ws on the same path).
 * Every operation is held to depth and complexity limits before it runs; live mode also turns
 * introspection off, so the schema is not handed to whoever reaches the port.
 */
@Module({})
export class AdminGraphqlModule {
  static forRoot(options: AdminGraphqlOptions): DynamicModule {
    return {
      module: AdminGraphqlModule,
      imports: [
        CqrsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [ADMIN_TOKEN],
          useFactory: (token: Secret): ApolloDriverConfig => graphqlConfig(token, options),
        }),
      ],
      providers: [TradingGraphqlResolver],
    };
  }
}

function graphqlConfig(token: Secret, options: AdminGraphqlOptions): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: options.mode !== 'live',
    validationRules: [queryLimitsRule(adminQueryLimits)],
    subscriptions: {
      'graphql-ws': {
        // Returning false refuses the connection (the client sees 4403 Forbidden).
        onConnect: (context: { connectionParams?: Record<string, unknown> }) => {
          const header = context.connectionParams?.['authorization'];
          return isAdminBearer(typeof header === 'string' ? header : undefined, token);
        },
      },
    },
    context: ({ req, extra }: { req?: GraphqlRequestContext['req']; extra?: unknown }): GraphqlRequestContext =>
      req ? { req } : { subscriptionAuthorised: extra !== undefined },
  };
}

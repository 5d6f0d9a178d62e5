import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { Secret } from '../../config/secret';
import { ADMIN_TOKEN } from '../auth/admin-token';
import { GraphqlRequestContext } from '../auth/bearer-token.guard';
import { isAdminBearer } from '../auth/token-check';
import { TradingGraphqlResolver } from './trading.graphql-resolver';

/** GraphQL at /graphql (queries and mutations over HTTP, subscriptions over graphql-ws on the same path). */
@Module({
  imports: [
    CqrsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [ADMIN_TOKEN],
      useFactory: (token: Secret): ApolloDriverConfig => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        introspection: true,
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
      }),
    }),
  ],
  providers: [TradingGraphqlResolver],
})
export class AdminGraphqlModule {}

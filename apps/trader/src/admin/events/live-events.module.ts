import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StandbyEventFollower } from '../../standby/standby-event-follower.component';
import { LiveEventFeed } from './live-event-feed';

/** The live event feed the REST stream and the GraphQL subscription read, and, on a standby, its follower of the shared store. */
@Global()
@Module({
  imports: [CqrsModule],
  providers: [LiveEventFeed, StandbyEventFollower],
  exports: [LiveEventFeed],
})
export class LiveEventsModule {}

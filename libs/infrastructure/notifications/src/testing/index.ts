export { FakeDiscord } from './fake-discord';
export { FakeHttpServer, json } from './fake-http-server';
export type { FaultPlan, ReceivedRequest } from './fake-http-server';
export { FakeTelegram } from './fake-telegram';
export type { FakeTelegramOptions } from './fake-telegram';

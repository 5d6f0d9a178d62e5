import './bootstrap/register-aliases';
import 'reflect-metadata';
import { bootstrap } from './bootstrap/bootstrap';

bootstrap(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

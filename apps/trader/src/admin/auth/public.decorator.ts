import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'trader:public-route';

/** Marks a route that needs no token (health only: load balancers and the operator's first look). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

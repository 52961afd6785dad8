import type { Module } from '../platform/http/app.js';
import { auditModule } from './audit/audit.routes.js';
import { authModule } from './auth/auth.routes.js';
import { notificationsModule } from './notifications/notifications.routes.js';
import { organisationsModule } from './organisations/organisations.routes.js';
import { usersModule } from './users/users.routes.js';

/** Every feature module, in registration order. A new module adds one line here. */
export const modules: Module[] = [authModule, usersModule, organisationsModule, auditModule, notificationsModule];

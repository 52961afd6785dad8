import type { Module } from '../platform/http/app.js';
import { auditModule } from './audit/audit.routes.js';
import { authModule } from './auth/auth.routes.js';
import { fundingModule } from './funding/funding.routes.js';
import { staffingModule } from './staffing/staffing.routes.js';
import { directoryModule } from './directory/directory.routes.js';
import { interpretersModule } from './interpreters/interpreters.routes.js';
import { notificationsModule } from './notifications/notifications.routes.js';
import { organisationsModule } from './organisations/organisations.routes.js';
import { surveysModule } from './surveys/surveys.routes.js';
import { usersModule } from './users/users.routes.js';
import { peopleModule } from './people/people.routes.js';
import { casesModule } from './cases/cases.routes.js';
import { consentsModule } from './consents/consents.routes.js';
import { referralsModule } from './referrals/referrals.routes.js';
import { documentsModule } from './documents/documents.routes.js';

/** Every feature module, in registration order. A new module adds one line here. */
export const modules: Module[] = [authModule, usersModule, organisationsModule, auditModule, notificationsModule, directoryModule, interpretersModule, fundingModule, staffingModule, peopleModule, casesModule, consentsModule, referralsModule, documentsModule, surveysModule];

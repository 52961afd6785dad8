// Every table of every module, for drizzle's relational queries and for drizzle-kit.
export * from './schema.js';
export * from '../../modules/directory/directory.schema.js';
export * from '../../modules/surveys/surveys.schema.js';
export * from '../../modules/funding/funding.schema.js';
export * from '../../modules/staffing/staffing.schema.js';
export * from '../../modules/interpreters/interpreters.schema.js';
export * from '../../modules/people/people.schema.js';
export * from '../../modules/cases/cases.schema.js';
export * from '../../modules/consents/consents.schema.js';
export * from '../../modules/people/lifecycle.schema.js';
export * from '../../modules/documents/documents.schema.js';

// Every table of every module, for drizzle's relational queries and for drizzle-kit.
export * from './schema.js';

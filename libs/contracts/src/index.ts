export * from './roles';
export * from './errors';
export * from './messages';
export * from './auth';
export * from './users';
export * from './competitions';
export * from './health';
export * from './competition-admin';

export * from './item.ts';
export * from './person.ts';
export * from './change.ts';
export * from './mail.ts';

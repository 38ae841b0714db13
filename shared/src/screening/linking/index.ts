export * from './short-id.ts';
export * from './sample-size.ts';
export * from './suggest-links.ts';

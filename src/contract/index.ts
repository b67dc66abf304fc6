export * from './admin-page';
export * from './envelope';
export * from './issue-panel';
export * from './limits';
export * from './outcome';
export * from './primitives';
export * from './project-page';
export * from './surface';

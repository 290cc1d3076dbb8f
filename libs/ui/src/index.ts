export * from './lib/EmptyState';
export * from './lib/PageHeader';
export * from './lib/CopyableId';
export * from './lib/ErrorResultAlert';
export * from './lib/LinkifiedText';

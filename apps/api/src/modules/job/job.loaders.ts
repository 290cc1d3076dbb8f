import { contextLoaders, groupedBy } from '../../common/context/loaders.js';
import { JobEvent } from './job-event.entity.js';

/** Jobs' loaders (jobs, templates and batches by id: `loaderById`). */
export const jobLoaders = contextLoaders((em) => ({
  /** each job's history, oldest first */
  jobEvents: groupedBy(em, JobEvent, 'job', { createdAt: 'asc', id: 'asc' }),
}));

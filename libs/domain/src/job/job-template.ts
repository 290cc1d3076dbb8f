import { z } from 'zod';
import { JOB_KINDS } from './job-lifecycle.js';
import { jobConfigurationSchema } from './job-configuration.js';
import { JOB_FIELD_MESSAGES, optionalJobTextSchema } from './job-fields.js';

/** The messages of a template's fields (DESIGN.md §1, Template), shared by the API and the web form. */
export const JOB_TEMPLATE_MESSAGES = {
  name: 'A template name has 1 to 120 characters.',
  kind: 'A job is an INSTALLATION or a MAINTENANCE.',
  title: JOB_FIELD_MESSAGES.title,
  description: JOB_FIELD_MESSAGES.description,
  instructions: JOB_FIELD_MESSAGES.instructions,
} as const;

/** The longest template name (copies are named "<name> (copy)", cut to fit). */
export const JOB_TEMPLATE_NAME_MAX = 120;

const M = JOB_TEMPLATE_MESSAGES;

/** A job template's own fields (its configuration is {@link jobConfigurationSchema}'s). */
export const jobTemplateSchema = z.object({
  name: z.string({ message: M.name }).trim().min(1, M.name).max(JOB_TEMPLATE_NAME_MAX, M.name),
  kind: z.enum(JOB_KINDS, { message: M.kind }),
  title: optionalJobTextSchema('title'),
  description: optionalJobTextSchema('description'),
  instructions: optionalJobTextSchema('instructions'),
  configuration: jobConfigurationSchema,
});

export type JobTemplateFields = z.output<typeof jobTemplateSchema>;

/**
 * The name of the next copy of a template: "<name> (copy)", then "<name> (copy 2)", "(copy 3)" …,
 * the first that is not in `taken` (compared case-insensitively); the original name is cut so the
 * result stays within {@link JOB_TEMPLATE_NAME_MAX} characters.
 */
export function copyName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, JOB_TEMPLATE_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The Templates tab's state in the URL, beside the jobs list's own keys:
 * `?tab=templates&tq=<search>&tarchived=true`; "Create new job" from a template adds
 * `new=1&template=<id>` (the New job dialog, starting from that template).
 */
export type TemplateListParams = {
  search: string;
  archived: boolean;
};

/** The query key and value that open the Templates tab. */
export const TEMPLATES_TAB = { key: 'tab', value: 'templates' } as const;

/** Whether the URL shows the Templates tab. */
export function isTemplatesTab(params: URLSearchParams): boolean {
  return params.get(TEMPLATES_TAB.key) === TEMPLATES_TAB.value;
}

/** The URL with the Templates tab opened (`true`) or closed (back to the jobs of a kind). */
export function withTemplatesTab(params: URLSearchParams, open: boolean): URLSearchParams {
  const next = new URLSearchParams(params);
  if (open) next.set(TEMPLATES_TAB.key, TEMPLATES_TAB.value);
  else next.delete(TEMPLATES_TAB.key);
  return next;
}

/** Reads the templates list's search and archived switch. */
export function readTemplateListParams(params: URLSearchParams): TemplateListParams {
  return { search: params.get('tq')?.trim() ?? '', archived: params.get('tarchived') === 'true' };
}

/** A copy of `params` with the templates list's changes (empty search / false archived removes the key). */
export function withTemplateListParams(params: URLSearchParams, changes: Partial<TemplateListParams>): URLSearchParams {
  const next = new URLSearchParams(params);
  if (changes.search !== undefined) {
    if (changes.search.trim()) next.set('tq', changes.search.trim());
    else next.delete('tq');
  }
  if (changes.archived !== undefined) {
    if (changes.archived) next.set('tarchived', 'true');
    else next.delete('tarchived');
  }
  return next;
}

/** The URL that opens the New job dialog starting from a template. */
export function withTemplateForNewJob(params: URLSearchParams, templateId: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('new', '1');
  next.set('template', templateId);
  return next;
}

/** The template a link asks the New job dialog to start from, if any. */
export function templateForNewJob(params: URLSearchParams): string | null {
  return params.get('template')?.trim() || null;
}

/** Which way a bulk change goes: to a partner, or back from it. */
export type AssignmentMode = 'assign' | 'unassign';

const vehicles = (n: number) => `${n} vehicle${n === 1 ? '' : 's'}`;
const were = (n: number) => (n === 1 ? 'was' : 'were');

/**
 * The sentence after assigning or taking back vehicles, e.g. "12 vehicles assigned to Berlin
 * Autohaus, 3 were already assigned." or "2 vehicles taken back from Potsdam and its sub-partners."
 */
export function describeAssignmentResult(
  mode: AssignmentMode,
  result: { changedCount: number; unchangedCount: number; partner: { name: string } },
): string {
  const { changedCount, unchangedCount, partner } = result;
  if (mode === 'assign') {
    const rest = unchangedCount > 0 ? `, ${unchangedCount} ${were(unchangedCount)} already assigned` : '';
    return `${vehicles(changedCount)} assigned to ${partner.name}${rest}.`;
  }
  const rest = unchangedCount > 0 ? `, ${unchangedCount} ${were(unchangedCount)} not assigned to it` : '';
  return `${vehicles(changedCount)} taken back from ${partner.name} and its sub-partners${rest}.`;
}

type AssignmentMutationData = {
  assignVehicles?: { __typename: string };
  unassignVehicles?: { __typename: string };
};

/**
 * `refetchQueries` of the assign and take-back mutations: once a change succeeded, every query on
 * screen is refreshed — lists, vehicle pages, partner pages and their counts all show assignments
 * (a refusal changes nothing, so nothing is refetched).
 */
export function refetchAfterAssignment(result: { data?: AssignmentMutationData | null }): 'active' | [] {
  const outcome = result.data?.assignVehicles ?? result.data?.unassignVehicles;
  return outcome?.__typename === 'VehicleAssignmentSuccess' ? 'active' : [];
}
